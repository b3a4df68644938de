// Baton's "Team" page in Cockpit: the team directory with each member's capacity, availability and
// manager, as Camunda's groups make it (someone an administrator added to a team's group in Admin is
// listed with the default capacity). Managers change the people of their reporting line, admins
// anyone; Baton's API decides (403 otherwise) and the page shows its answer. Calls carry the Cockpit
// session and, for changes, its CSRF token, which the server checks.

const PATH = '/baton-team';

// Baton's API lives at the servlet context root, the webapps below it at their application path.
function apiRoot() {
  const base = document.querySelector('base');
  const appRoot = (base && base.getAttribute('app-root')) || '/camunda';
  return appRoot.replace(/\/[^/]*$/, '');
}

async function call(method, path, csrfToken, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    headers['X-XSRF-TOKEN'] = csrfToken;
  }
  const response = await fetch(`${apiRoot()}/api/team${path}`, {
    method,
    credentials: 'same-origin',
    headers,
    body: body === undefined ? undefined : JSON.stringify(body)
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) {
    const errors = (answer.errors || []).map(e => `${e.field}: ${e.message}`).join('; ');
    throw new Error(errors || answer.detail || `Baton answered ${response.status}`);
  }
  return answer;
}

function element(tag, attributes, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([key, value]) => {
    if (key === 'className') node.className = value;
    else if (value !== undefined && value !== null) node.setAttribute(key, value);
  });
  children.flat().forEach(child => node.append(child instanceof Node ? child : document.createTextNode(String(child))));
  return node;
}

function installStyles() {
  if (document.getElementById('baton-team-styles')) return;
  const style = element('style', { id: 'baton-team-styles' });
  style.textContent = `
    .baton-team { padding: 15px; }
    .baton-team table { width: 100%; }
    .baton-team td { vertical-align: middle !important; }
    .baton-team input.baton-capacity { width: 5em; }
    .baton-team input.baton-manager { width: 10em; }
    .baton-team .baton-note { color: #6b6f76; }
    .baton-team .baton-bad { color: #c62828; }
    .baton-team .baton-ok { color: #2e7d32; }
  `;
  document.head.append(style);
}

function row(member, csrfToken, reload, say) {
  const capacity = element('input', { type: 'number', min: '1', max: '100', className: 'form-control input-sm baton-capacity',
    name: 'capacity', value: String(member.capacity) });
  const manager = element('input', { type: 'text', className: 'form-control input-sm baton-manager', name: 'managerId',
    value: member.managerId || '', placeholder: member.reportsTo ? `team: ${member.reportsTo}` : '' });
  const save = element('button', { type: 'button', className: 'btn btn-default btn-sm baton-save' }, 'Save');
  save.addEventListener('click', () => {
    const change = {};
    if (Number(capacity.value) !== member.capacity) change.capacity = Number(capacity.value);
    if (manager.value.trim() && manager.value.trim() !== member.managerId) change.managerId = manager.value.trim();
    if (Object.keys(change).length === 0) {
      say(`Nothing to save for ${member.name}.`, 'baton-note');
      return;
    }
    call('PATCH', `/${encodeURIComponent(member.userId)}`, csrfToken, change)
      .then(() => reload(`Saved ${member.name}.`))
      .catch(error => say(`${member.name}: ${error.message}`, 'baton-bad'));
  });
  const away = element('button', { type: 'button', className: 'btn btn-default btn-sm baton-availability' },
    member.available ? 'Mark away' : 'Mark present');
  away.addEventListener('click', () => {
    call('PUT', `/${encodeURIComponent(member.userId)}/availability`, csrfToken, { available: !member.available })
      .then(() => reload(`${member.name} is ${member.available ? 'away' : 'present'}.`))
      .catch(error => say(`${member.name}: ${error.message}`, 'baton-bad'));
  });
  const status = member.offboarded ? 'offboarded'
    : member.inTeamGroup === false ? 'not in the team\'s group: no new work'
      : member.available ? 'present' : 'away';
  return element('tr', {
    'data-user': member.userId,
    'data-team': member.team,
    'data-capacity': String(member.capacity),
    'data-available': String(member.available),
    'data-reports-to': member.reportsTo || ''
  },
  element('td', { className: 'baton-name' }, member.name || member.userId, element('div', { className: 'baton-note' }, member.userId)),
  element('td', { className: 'baton-team-name' }, member.team),
  element('td', { className: 'baton-capacity-cell' }, capacity),
  element('td', { className: member.available && !member.offboarded ? 'baton-status baton-ok' : 'baton-status baton-bad' }, status),
  element('td', { className: 'baton-reports-to' }, manager),
  element('td', {}, save, ' ', away));
}

const navigation = {
  id: 'baton.team.navigation',
  pluginPoint: 'cockpit.navigation',
  priority: 40,
  render: node => {
    node.replaceChildren(element('a', { href: `#${PATH}`, id: 'baton-team-link' }, 'Team'));
  },
  properties: {
    path: PATH,
    label: 'Team'
  }
};

const page = {
  id: 'baton.team.page',
  pluginPoint: 'cockpit.route',
  priority: 0,
  render: (node, { api }) => {
    installStyles();
    const message = element('p', { className: 'baton-note baton-team-message', role: 'status' }, 'Loading the team directory…');
    const body = element('tbody', {});
    const section = element('section', { className: 'baton-team', id: 'baton-team' },
      element('h2', {}, 'Team'),
      element('p', { className: 'baton-note' },
        'People added to a team\'s group in Admin join routing here with the default capacity. '
        + 'Capacity weighs how much open work routing gives someone; an empty manager follows the team\'s manager.'),
      message,
      element('table', { className: 'table table-condensed' },
        element('thead', {}, element('tr', {},
          element('th', {}, 'Name'), element('th', {}, 'Team'), element('th', {}, 'Capacity'),
          element('th', {}, 'Availability'), element('th', {}, 'Manager'), element('th', {}, ''))),
        body));
    node.replaceChildren(section);

    const say = (text, kind) => {
      message.className = `baton-team-message ${kind}`;
      message.textContent = text;
    };
    const reload = done => call('GET', '', api.CSRFToken)
      .then(members => {
        body.replaceChildren(...members.map(member => row(member, api.CSRFToken, reload, say)));
        section.setAttribute('data-loaded', String(Date.now()));
        say(done || `${members.length} people in the directory.`, done ? 'baton-ok' : 'baton-note');
      })
      .catch(error => say(error.message, 'baton-bad'));
    reload();
  },
  properties: {
    path: PATH,
    label: 'Team'
  }
};

export default [navigation, page];

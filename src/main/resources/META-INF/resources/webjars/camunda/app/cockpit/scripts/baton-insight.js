// Baton's Cockpit plugins. They read Baton's reports (/api/reports/*) with the Cockpit login of the
// browser session; the server accepts that session for these read-only GETs.

const OVERLAY_TYPE = 'baton-bottleneck';
// The at-a-glance page: its own Cockpit route, reached from the navigation and the dashboard
// (dashboard plugins render below Camunda's own sections, so the page is what a manager reaches first).
const GLANCE_PATH = '/baton';

// Baton's API lives at the servlet context root, the webapps below it at their application path
// (app-root = context path + application path, "/camunda" by default).
function apiRoot() {
  const base = document.querySelector('base');
  const appRoot = (base && base.getAttribute('app-root')) || '/camunda';
  return appRoot.replace(/\/[^/]*$/, '');
}

async function report(name, params) {
  const query = params && Object.keys(params).length ? `?${new URLSearchParams(params)}` : '';
  const response = await fetch(`${apiRoot()}/api/reports/${name}${query}`, {
    credentials: 'same-origin',
    headers: { Accept: 'application/json' }
  });
  if (response.status === 401 || response.status === 403) {
    const error = new Error('Only managers and administrators see Baton\'s reports.');
    error.forbidden = true;
    throw error;
  }
  if (!response.ok) {
    const error = new Error(`Baton's report '${name}' answered ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return response.json();
}

// "Today" starts at the reader's midnight; a zone the server does not know falls back to UTC.
async function today() {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  try {
    return await report('today', zone ? { zone } : {});
  } catch (error) {
    if (error.status === 400 && zone) return report('today');
    throw error;
  }
}

function instanceLink(row) {
  return element('a', { href: `#/process-instance/${encodeURIComponent(row.processInstanceId)}/runtime`,
    className: 'baton-lead', 'data-lead': row.leadId, 'data-instance': row.processInstanceId }, row.lead || row.leadId);
}

// Time of day for today, date and time otherwise.
function clock(iso) {
  if (!iso) return '–';
  const at = new Date(iso);
  const time = at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return at.toDateString() === new Date().toDateString() ? time : `${at.toLocaleDateString()} ${time}`;
}

function age(seconds) {
  if (seconds === null || seconds === undefined) return '–';
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86400)}d`;
}

function element(tag, attributes, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([key, value]) => {
    if (key === 'className') node.className = value;
    else node.setAttribute(key, value);
  });
  children.flat().forEach(child => node.append(child instanceof Node ? child : document.createTextNode(String(child))));
  return node;
}

function installStyles() {
  if (document.getElementById('baton-insight-styles')) return;
  const style = element('style', { id: 'baton-insight-styles' });
  style.textContent = `
    .baton-overlay { white-space: nowrap; font: bold 14px/24px Arial, sans-serif; color: #fff; padding: 0 10px;
      border-radius: 12px; border: 2px solid #fff; box-shadow: 0 1px 4px rgba(0,0,0,.45); pointer-events: auto; }
    .baton-overlay.baton-ok { background: #2e7d32; }
    .baton-overlay.baton-warning { background: #ef6c00; }
    .baton-overlay.baton-critical { background: #c62828; }
    .baton-handoffs h3 { margin-top: 0; }
    .baton-handoffs h4 { margin: 16px 0 6px; }
    .baton-handoffs table { width: 100%; }
    .baton-handoffs td.number, .baton-handoffs th.number { text-align: right; }
    .baton-handoffs .baton-bad { color: #c62828; font-weight: bold; }
    .baton-handoffs .baton-note { color: #6b6f76; }
    .baton-handoffs .baton-glance-link { font-size: 15px; font-weight: bold; }
    #baton-glance { padding: 20px 30px; max-width: 1400px; }
    #baton-glance h1 { font-size: 26px; margin: 0 0 4px; }
    #baton-glance h2 { font-size: 19px; margin: 28px 0 8px; }
    #baton-glance .baton-note { color: #6b6f76; }
    #baton-glance .baton-figures { display: flex; gap: 16px; margin: 18px 0 6px; }
    #baton-glance .baton-figure { border: 1px solid #d5d7da; border-radius: 6px; padding: 10px 18px; min-width: 170px; }
    #baton-glance .baton-figure strong { display: block; font-size: 30px; line-height: 36px; }
    #baton-glance .baton-figure.baton-bad strong { color: #c62828; }
    #baton-glance table { width: 100%; font-size: 14px; }
    #baton-glance td.number, #baton-glance th.number { text-align: right; }
    #baton-glance .baton-bad { color: #c62828; font-weight: bold; }
  `;
  document.head.append(style);
}

function overlay(row) {
  return element('div', {
    className: `baton-overlay baton-${row.severity}`,
    'data-activity': row.activityId,
    'data-open': String(row.open),
    'data-breached': String(row.breached),
    title: `${row.name}: ${row.open} open, oldest ${age(row.oldestAgeSeconds)}, median ${age(row.medianAgeSeconds)}, `
      + `${row.breached} past due, ${row.escalations} escalations`
  }, `${row.open} open · ${age(row.oldestAgeSeconds)} · ${row.breached} breached`);
}

// The process keys a diagram shows: the definition id's key, the process, or a collaboration's processes.
function processKeys(viewer, processDefinitionId) {
  const keys = new Set();
  if (processDefinitionId && processDefinitionId.includes(':')) keys.add(processDefinitionId.split(':')[0]);
  const root = viewer.get('canvas').getRootElement();
  const definition = root && root.businessObject;
  if (definition && definition.$type === 'bpmn:Process') keys.add(definition.id);
  ((definition && definition.participants) || []).forEach(p => p.processRef && keys.add(p.processRef.id));
  return keys;
}

// Every Baton process (lead-lifecycle, lead-handoff, lead-escalation) gets badges on its steps
// that hold open work; a step with nothing open shows nothing.
const diagramOverlay = {
  id: 'baton.bottlenecks.diagram',
  pluginPoint: 'cockpit.processDefinition.diagram.plugin',
  priority: 20,
  render: (viewer, { processDefinitionId }) => {
    const keys = processKeys(viewer, processDefinitionId);
    installStyles();
    const overlays = viewer.get('overlays');
    const registry = viewer.get('elementRegistry');
    report('bottlenecks').then(rows => {
      overlays.remove({ type: OVERLAY_TYPE });
      rows.filter(row => keys.has(row.processKey) && row.open > 0 && registry.get(row.activityId)).forEach(row => {
        overlays.add(row.activityId, OVERLAY_TYPE, { position: { top: -32, left: -10 }, html: overlay(row) });
      });
    }).catch(error => console.warn('Baton bottleneck overlay:', error.message));
  }
};

function table(headers, rows) {
  return element('table', { className: 'table table-condensed' },
    element('thead', {}, element('tr', {}, headers.map(([label, numeric]) => element('th', numeric ? { className: 'number' } : {}, label)))),
    element('tbody', {}, rows));
}

function ownersTable(owners) {
  return table([['Owner'], ['Open leads', true], ['Open tasks', true], ['Overdue', true], ['Escalations reviewed', true],
    ['Lapses', true], ['Median first touch', true], ['Handoffs rejected', true]],
  owners.map(o => element('tr', { 'data-owner': o.owner },
    element('td', {}, o.owner),
    element('td', { className: 'number' }, o.openLeads),
    element('td', { className: 'number' }, o.openTasks),
    element('td', { className: o.overdue > 0 ? 'number baton-bad' : 'number' }, o.overdue),
    element('td', { className: 'number' }, o.escalations),
    element('td', { className: o.lapses > 0 ? 'number baton-bad' : 'number' }, o.lapses),
    element('td', { className: 'number' }, age(o.medianFirstTouchLagSeconds)),
    element('td', { className: 'number' }, o.handoffsRejected))));
}

function stalledTable(stalled) {
  if (stalled.length === 0) return element('p', { className: 'baton-note' }, 'No lead is waiting past its due date.');
  return table([['Lead'], ['Accountable owner'], ['Waiting at'], ['Assignee'], ['Overdue by', true]],
    stalled.map(s => element('tr', { 'data-lead': s.leadId },
      element('td', {}, s.company || s.email || s.leadId),
      element('td', {}, s.owner || '– nobody –'),
      element('td', {}, s.activityId),
      element('td', {}, s.assignee || '–'),
      element('td', { className: 'number baton-bad' }, age(s.overdueSeconds)))));
}

const handoffsDashboard = {
  id: 'baton.handoffs.dashboard',
  pluginPoint: 'cockpit.dashboard',
  priority: 50,
  render: node => {
    installStyles();
    // One heading and one link for the section's whole life: the reports arriving re-render what is
    // below them, never the link a manager may be about to click.
    const heading = element('h3', {}, 'Handoffs');
    const glanceLink = element('p', {}, element('a', { href: `#${GLANCE_PATH}`, id: 'baton-glance-link', className: 'baton-glance-link' },
      'Baton at a glance: who is overdue, handoffs waiting, breaches today →'));
    const section = element('section', { className: 'baton-handoffs', id: 'baton-handoffs' },
      heading, glanceLink, element('p', { className: 'baton-note' }, 'Loading Baton\'s reports…'));
    node.replaceChildren(section);
    Promise.all([report('owners'), report('stalled', { limit: 25 }), report('webhooks')]).then(([owners, stalled, hooks]) => {
      section.replaceChildren(
        heading,
        glanceLink,
        ...failingWebhooksNote(hooks),
        element('h4', {}, 'Owners\' load'),
        ownersTable(owners),
        element('h4', {}, 'Stalled leads'),
        stalledTable(stalled),
        element('p', {}, element('a', { href: `${apiRoot()}/api/reports/bottlenecks.svg`, target: '_blank', rel: 'noopener' },
          'Bottleneck picture of the lead lifecycle (SVG)')));
      section.setAttribute('data-loaded', 'true');
    }).catch(error => {
      section.replaceChildren(heading, glanceLink, element('p', { className: 'baton-note' }, error.message));
      section.setAttribute('data-loaded', 'true');
    });
  },
  properties: {
    label: 'Handoffs'
  }
};

function figure(label, value, id) {
  return element('div', { className: value > 0 ? 'baton-figure baton-bad' : 'baton-figure', id },
    element('strong', {}, value), label);
}

function peopleTable(people) {
  return table([['Person'], ['Overdue', true], ['Handoffs waiting', true], ['Breaches today', true], ['Median first touch', true],
    ['First touches', true]],
  people.map(p => element('tr', { 'data-person': p.person },
    element('td', { title: p.person }, p.name),
    element('td', { className: p.overdue > 0 ? 'number baton-bad' : 'number' }, p.overdue),
    element('td', { className: 'number' }, p.handoffsWaiting),
    element('td', { className: p.breachesToday > 0 ? 'number baton-bad' : 'number' }, p.breachesToday),
    element('td', { className: 'number' }, age(p.medianFirstTouchSeconds)),
    element('td', { className: 'number' }, p.firstTouches))));
}

function overdueTable(rows) {
  if (rows.length === 0) return element('p', { className: 'baton-note' }, 'Nobody is overdue.');
  return table([['Person'], ['Lead'], ['Waiting at'], ['Due'], ['Overdue by', true]],
    rows.map(r => element('tr', { 'data-lead': r.leadId, 'data-person': r.assignee || '' },
      element('td', { title: r.assignee || '' }, r.assigneeName || '– nobody –'),
      element('td', {}, instanceLink(r)),
      element('td', {}, r.activityName),
      element('td', {}, clock(r.due)),
      element('td', { className: 'number baton-bad' }, age(r.overdueSeconds)))));
}

function handoffsTable(rows) {
  if (rows.length === 0) return element('p', { className: 'baton-note' }, 'No handoff is waiting for its receiver.');
  return table([['Receiver'], ['Lead'], ['Step'], ['Waiting', true], ['Due'], ['Overdue by', true]],
    rows.map(r => element('tr', { 'data-lead': r.leadId, 'data-person': r.assignee || '' },
      element('td', { title: r.assignee || '' }, r.assigneeName || '– nobody –'),
      element('td', {}, instanceLink(r)),
      element('td', {}, r.activityName),
      element('td', { className: 'number' }, age(r.waitingSeconds)),
      element('td', {}, clock(r.due)),
      element('td', { className: r.overdueSeconds > 0 ? 'number baton-bad' : 'number' }, r.overdueSeconds > 0 ? age(r.overdueSeconds) : '–'))));
}

// A subscription whose deliveries fail (retrying) or were given up on (dead-lettered).
function failing(hook) {
  return hook.state === 'retrying' || hook.state === 'dead-lettered';
}

function webhooksTable(hooks) {
  if (hooks.length === 0) return element('p', { className: 'baton-note', id: 'baton-webhooks-none' }, 'No webhook subscription.');
  return table([['Target'], ['Events'], ['State'], ['Waiting', true], ['Retrying', true], ['Dead letters', true], ['Last error'],
    ['Last failure'], ['Last delivered']],
  hooks.map(h => element('tr', { 'data-webhook': h.id, 'data-state': h.state },
    element('td', {}, h.target),
    element('td', {}, h.events.join(', ')),
    element('td', { className: failing(h) ? 'baton-bad' : '' }, h.state),
    element('td', { className: 'number' }, h.pending),
    element('td', { className: h.retrying > 0 ? 'number baton-bad' : 'number' }, h.retrying),
    element('td', { className: h.deadLetters > 0 ? 'number baton-bad' : 'number' }, h.deadLetters),
    element('td', {}, h.lastError || '–'),
    element('td', {}, clock(h.lastFailureAt)),
    element('td', {}, clock(h.lastDeliveredAt)))));
}

function failingWebhooksNote(hooks) {
  const bad = hooks.filter(failing);
  if (bad.length === 0) return [];
  return [element('p', { className: 'baton-bad', id: 'baton-webhooks-failing' },
    `${bad.length} webhook subscription${bad.length === 1 ? '' : 's'} failing: `
      + bad.map(h => `${h.target} (${h.state}${h.lastError ? `, ${h.lastError}` : ''})`).join('; '))];
}

function glance(data, hooks) {
  const overdue = data.people.reduce((sum, p) => sum + p.overdue, 0);
  const waiting = data.people.reduce((sum, p) => sum + p.handoffsWaiting, 0);
  return [
    element('h1', {}, 'Baton — at a glance'),
    element('p', { className: 'baton-note' }, `As of ${clock(data.asOf)}; today since ${clock(data.startOfDay)} (${data.zone}).`),
    element('div', { className: 'baton-figures' },
      figure('overdue tasks', overdue, 'baton-figure-overdue'),
      figure('handoffs waiting', waiting, 'baton-figure-waiting'),
      figure('SLA breaches today', data.breachesToday, 'baton-figure-breaches'),
      figure('webhooks failing', hooks.filter(failing).length, 'baton-figure-webhooks')),
    element('h2', {}, 'Who is overdue'),
    overdueTable(data.overdue),
    element('h2', {}, 'Handoffs waiting for acceptance'),
    handoffsTable(data.handoffsWaiting),
    element('h2', {}, 'By person'),
    peopleTable(data.people),
    element('h2', {}, 'Webhook subscriptions'),
    webhooksTable(hooks),
    element('p', { className: 'baton-note' }, 'Breaches today: escalations opened since midnight, counted against whoever let the work lapse. '
      + 'First touch: from routing to the first completion of the lead\'s qualification. '
      + 'Webhooks: an administrator retries or skips dead letters through /api/webhooks.'),
    element('p', {}, element('a', { href: `${apiRoot()}/api/reports/bottlenecks.svg`, target: '_blank', rel: 'noopener' },
      'Bottleneck picture of the lead lifecycle (SVG)'))
  ];
}

const glancePage = {
  id: 'baton.glance.page',
  pluginPoint: 'cockpit.route',
  priority: 0,
  render: node => {
    installStyles();
    const page = element('div', { id: 'baton-glance' }, element('h1', {}, 'Baton — at a glance'),
      element('p', { className: 'baton-note' }, 'Loading Baton\'s reports…'));
    node.replaceChildren(page);
    Promise.all([today(), report('webhooks')]).then(([data, hooks]) => {
      page.replaceChildren(...glance(data, hooks));
      page.setAttribute('data-loaded', 'true');
    }).catch(error => {
      page.replaceChildren(element('h1', {}, 'Baton — at a glance'), element('p', { className: 'baton-note' }, error.message));
    });
  },
  properties: {
    path: GLANCE_PATH,
    label: 'Baton'
  }
};

const glanceNavigation = {
  id: 'baton.glance.navigation',
  pluginPoint: 'cockpit.navigation',
  // Before Camunda's own entries (processes 100): the first thing a manager reaches.
  priority: 110,
  render: node => {
    node.replaceChildren(element('a', { href: `#${GLANCE_PATH}`, id: 'baton-navigation' }, 'Baton'));
  },
  checkActive: path => new RegExp(`#${GLANCE_PATH}(?:[/?]|$)`).test(path),
  properties: {
    label: 'Baton'
  }
};

export default [diagramOverlay, handoffsDashboard, glancePage, glanceNavigation];

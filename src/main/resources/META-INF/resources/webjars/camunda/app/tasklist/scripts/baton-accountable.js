// "Leads I'm accountable for": Tasklist lists tasks, but a sender whose handoff waits for the
// receiver's acceptance holds no task while still owning the lead. This section lists the leads the
// ownership ledger gives the logged-in person (GET /api/me/leads, read with Tasklist's session; the
// server accepts that session for this one read) and says on whom and since when a handoff waits.

// Baton's API lives at the servlet context root, the webapps below it at their application path
// (app-root = context path + application path, "/camunda" by default).
function apiRoot() {
  const base = document.querySelector('base');
  const appRoot = (base && base.getAttribute('app-root')) || '/camunda';
  return appRoot.replace(/\/[^/]*$/, '');
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
  if (document.getElementById('baton-accountable-styles')) return;
  const style = element('style', { id: 'baton-accountable-styles' });
  style.textContent = `
    .baton-accountable { margin: 8px 10px 12px; padding: 8px 10px; border: 1px solid #d8dce3; border-radius: 3px; background: #fafbfc; }
    .baton-accountable h4 { margin: 0 0 6px; font-size: 14px; font-weight: bold; }
    .baton-accountable ul { list-style: none; margin: 0; padding: 0; max-height: 220px; overflow-y: auto; }
    .baton-accountable li { padding: 4px 0; border-top: 1px solid #eceef2; }
    .baton-accountable li:first-child { border-top: 0; }
    .baton-accountable .baton-lead { font-weight: bold; display: block; }
    .baton-accountable .baton-waiting { color: #b45309; }
    .baton-accountable .baton-note { color: #6b6f76; }
  `;
  document.head.append(style);
}

/** "09:12" today, else "2 Dec 09:12": the browser's own time zone and language. */
function when(iso) {
  const at = new Date(iso);
  const time = at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return at.toDateString() === new Date().toDateString() ? time
    : `${at.toLocaleDateString([], { day: 'numeric', month: 'short' })} ${time}`;
}

function row(lead) {
  const status = lead.waitingOn
    ? element('span', { className: 'baton-waiting' },
      `Waits on ${lead.waitingOn.name} to accept since ${when(lead.waitingOn.since)}`)
    : element('span', { className: 'baton-note' }, `Stage: ${lead.stage}`);
  return element('li', { 'data-lead': lead.id, ...(lead.waitingOn ? { 'data-waiting-on': lead.waitingOn.id } : {}) },
    element('span', { className: 'baton-lead' }, lead.title), status);
}

async function myLeads() {
  const response = await fetch(`${apiRoot()}/api/me/leads`, {
    credentials: 'same-origin',
    headers: { Accept: 'application/json' }
  });
  if (!response.ok) throw new Error(`Baton answered ${response.status}`);
  return response.json();
}

function refresh(section) {
  myLeads().then(leads => {
    section.replaceChildren(
      element('h4', {}, `Leads I'm accountable for (${leads.length})`),
      leads.length === 0
        ? element('p', { className: 'baton-note' }, 'No open lead is yours.')
        : element('ul', {}, leads.map(row)));
  }).catch(error => {
    section.replaceChildren(element('h4', {}, 'Leads I\'m accountable for'),
      element('p', { className: 'baton-note' }, error.message));
  });
}

let timer = null;

const accountable = {
  id: 'baton.accountable.list',
  pluginPoint: 'tasklist.list',
  priority: 200,
  render: node => {
    installStyles();
    const section = element('section', { className: 'baton-accountable', id: 'baton-accountable' },
      element('h4', {}, 'Leads I\'m accountable for'),
      element('p', { className: 'baton-note' }, 'Loading…'));
    node.replaceChildren(section);
    refresh(section);
    // A receiver accepting moves the lead away: look again now and then while Tasklist is open.
    clearInterval(timer);
    timer = setInterval(() => refresh(section), 60000);
  },
  unmount: () => {
    clearInterval(timer);
    timer = null;
  }
};

export default [accountable];

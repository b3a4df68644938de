// Baton's Cockpit plugins. They read Baton's reports (/api/reports/*) with the Cockpit login of the
// browser session; the server accepts that session for these read-only GETs.

const LIFECYCLE = 'lead-lifecycle';
const OVERLAY_TYPE = 'baton-bottleneck';

// Baton's API lives at the servlet context root, the webapps below it at their application path
// (app-root = context path + application path, "/camunda" by default).
function apiRoot() {
  const base = document.querySelector('base');
  const appRoot = (base && base.getAttribute('app-root')) || '/camunda';
  return appRoot.replace(/\/[^/]*$/, '');
}

async function report(name) {
  const response = await fetch(`${apiRoot()}/api/reports/${name}`, {
    credentials: 'same-origin',
    headers: { Accept: 'application/json' }
  });
  if (response.status === 401 || response.status === 403) {
    const error = new Error('Only managers and administrators see Baton\'s reports.');
    error.forbidden = true;
    throw error;
  }
  if (!response.ok) {
    throw new Error(`Baton's report '${name}' answered ${response.status}`);
  }
  return response.json();
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
    .baton-overlay { white-space: nowrap; font: bold 11px/18px Arial, sans-serif; color: #fff; padding: 0 8px;
      border-radius: 9px; box-shadow: 0 1px 3px rgba(0,0,0,.3); pointer-events: auto; }
    .baton-overlay.baton-idle { background: #8a8d94; }
    .baton-overlay.baton-ok { background: #2e7d32; }
    .baton-overlay.baton-warning { background: #ef6c00; }
    .baton-overlay.baton-critical { background: #c62828; }
    .baton-handoffs h3 { margin-top: 0; }
    .baton-handoffs h4 { margin: 16px 0 6px; }
    .baton-handoffs table { width: 100%; }
    .baton-handoffs td.number, .baton-handoffs th.number { text-align: right; }
    .baton-handoffs .baton-bad { color: #c62828; font-weight: bold; }
    .baton-handoffs .baton-note { color: #6b6f76; }
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

function isLifecycle(viewer, processDefinitionId) {
  if (processDefinitionId && processDefinitionId.startsWith(`${LIFECYCLE}:`)) return true;
  const root = viewer.get('canvas').getRootElement();
  return !!(root && root.businessObject && root.businessObject.id === LIFECYCLE);
}

const diagramOverlay = {
  id: 'baton.bottlenecks.diagram',
  pluginPoint: 'cockpit.processDefinition.diagram.plugin',
  priority: 20,
  render: (viewer, { processDefinitionId }) => {
    if (!isLifecycle(viewer, processDefinitionId)) return;
    installStyles();
    const overlays = viewer.get('overlays');
    const registry = viewer.get('elementRegistry');
    report('bottlenecks').then(rows => {
      overlays.remove({ type: OVERLAY_TYPE });
      rows.filter(row => registry.get(row.activityId)).forEach(row => {
        overlays.add(row.activityId, OVERLAY_TYPE, { position: { top: -24, left: -10 }, html: overlay(row) });
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
  return table([['Owner'], ['Open leads', true], ['Open tasks', true], ['Overdue', true], ['Escalations', true],
    ['Median first touch', true], ['Handoffs rejected', true]],
  owners.map(o => element('tr', { 'data-owner': o.owner },
    element('td', {}, o.owner),
    element('td', { className: 'number' }, o.openLeads),
    element('td', { className: 'number' }, o.openTasks),
    element('td', { className: o.overdue > 0 ? 'number baton-bad' : 'number' }, o.overdue),
    element('td', { className: 'number' }, o.escalations),
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
    const section = element('section', { className: 'baton-handoffs', id: 'baton-handoffs' },
      element('h3', {}, 'Handoffs'),
      element('p', { className: 'baton-note' }, 'Loading Baton\'s reports…'));
    node.replaceChildren(section);
    Promise.all([report('owners'), report('stalled?limit=25')]).then(([owners, stalled]) => {
      section.replaceChildren(
        element('h3', {}, 'Handoffs'),
        element('h4', {}, 'Owners\' load'),
        ownersTable(owners),
        element('h4', {}, 'Stalled leads'),
        stalledTable(stalled),
        element('p', {}, element('a', { href: `${apiRoot()}/api/reports/bottlenecks.svg`, target: '_blank', rel: 'noopener' },
          'Bottleneck picture of the lead lifecycle (SVG)')));
    }).catch(error => {
      section.replaceChildren(element('h3', {}, 'Handoffs'), element('p', { className: 'baton-note' }, error.message));
    });
  },
  properties: {
    label: 'Handoffs'
  }
};

export default [diagramOverlay, handoffsDashboard];

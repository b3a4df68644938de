// Baton's "Attempts" tab on a Tasklist task: the lead's contact attempts and its wait on the customer.
// The rep logs an attempt (channel + note) or marks the lead "waiting on customer" (reason + resume by)
// without leaving Tasklist. Calls Baton's API (/api/leads/{id}/…) with the Tasklist login of the
// browser session; writes carry the webapps' CSRF token, as Tasklist's own writes do.

const CHANNELS = ['call', 'email', 'meeting', 'social'];

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

function csrfToken(api) {
  const cookie = document.cookie.split(';').map(c => c.trim()).find(c => c.startsWith('XSRF-TOKEN='));
  return (cookie && decodeURIComponent(cookie.substring('XSRF-TOKEN='.length))) || (api && api.CSRFToken) || '';
}

// Every Baton task carries its lead card as the task-local variable "lead" (lead.LeadCard): readable by
// whoever may read the task, unlike the lead's process instance, which reps have no grant on.
async function leadIdOf(api, taskId) {
  const response = await fetch(`${api.engineApi}/task/${encodeURIComponent(taskId)}/localVariables/lead?deserializeValue=false`,
    { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`This task names no Baton lead (${response.status})`);
  const variable = await response.json();
  // A Json value arrives as its serialized text (sometimes serialized once more).
  let card = variable.value;
  for (let i = 0; i < 2 && typeof card === 'string'; i++) card = JSON.parse(card);
  if (!card || !card.id) throw new Error(`This task names no Baton lead (${variable.type})`);
  return card.id;
}

async function call(api, method, path, body) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') {
    headers['Content-Type'] = 'application/json';
    headers['X-XSRF-TOKEN'] = csrfToken(api);
  }
  const response = await fetch(`${apiRoot()}${path}`, {
    method, credentials: 'same-origin', headers, body: body === undefined ? undefined : JSON.stringify(body)
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) {
    const fields = (answer.errors || []).map(e => `${e.field}: ${e.message}`).join('; ');
    throw new Error(fields || answer.detail || `Baton answered ${response.status}`);
  }
  return answer;
}

function when(instant) {
  return instant ? new Date(instant).toLocaleString() : '–';
}

function render(node, lead, api, reload) {
  node.innerHTML = '';
  const message = element('p', { className: 'baton-attempts-message', role: 'status' });
  const attempts = lead.attempts || [];
  const summary = element('p', { className: 'baton-first-touch' },
    lead.firstTouchAt ? `First touch: ${when(lead.firstTouchAt)}` : 'No contact attempt yet.',
    ` · Paused so far: ${Math.round((lead.pausedSeconds || 0) / 60)} min`);
  const list = element('ul', { className: 'baton-attempt-list' },
    attempts.map(a => element('li', { className: 'baton-attempt', 'data-channel': a.channel },
      `${when(a.at)} — ${a.channel}${a.note ? `: ${a.note}` : ''} (${a.by})`)));

  const channel = element('select', { className: 'form-control', name: 'channel' },
    CHANNELS.map(c => element('option', { value: c }, c)));
  const note = element('input', { className: 'form-control', name: 'note', type: 'text', maxlength: '1000', placeholder: 'Note (optional)' });
  const logButton = element('button', { className: 'btn btn-primary', type: 'button', name: 'logAttempt' }, 'Log attempt');
  logButton.addEventListener('click', () => {
    call(api, 'POST', `/api/leads/${encodeURIComponent(lead.id)}/attempts`, { channel: channel.value, note: note.value || undefined })
      .then(reload).catch(error => { message.textContent = error.message; });
  });

  let pauseBlock;
  if (lead.paused) {
    const resumeButton = element('button', { className: 'btn btn-default', type: 'button', name: 'resume' }, 'Resume now');
    resumeButton.addEventListener('click', () => {
      call(api, 'POST', `/api/leads/${encodeURIComponent(lead.id)}/resume`).then(reload)
        .catch(error => { message.textContent = error.message; });
    });
    pauseBlock = element('div', { className: 'baton-paused alert alert-warning' },
      `Waiting on customer since ${when(lead.paused.since)}: ${lead.paused.reason} — resumes by ${when(lead.paused.resumeBy)}. `,
      resumeButton);
  } else {
    const reason = element('input', { className: 'form-control', name: 'reason', type: 'text', maxlength: '500', placeholder: 'What the customer owes us' });
    const tomorrow = new Date(Date.now() + 24 * 3600 * 1000);
    const resumeBy = element('input', { className: 'form-control', name: 'resumeBy', type: 'datetime-local' });
    resumeBy.value = new Date(tomorrow.getTime() - tomorrow.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
    const pauseButton = element('button', { className: 'btn btn-default', type: 'button', name: 'waitOnCustomer' }, 'Waiting on customer');
    pauseButton.addEventListener('click', () => {
      const until = resumeBy.value ? new Date(resumeBy.value).toISOString() : null;
      call(api, 'POST', `/api/leads/${encodeURIComponent(lead.id)}/pause`, { reason: reason.value, resumeBy: until })
        .then(reload).catch(error => { message.textContent = error.message; });
    });
    pauseBlock = element('div', { className: 'baton-pause form-inline' }, reason, ' resume by ', resumeBy, ' ', pauseButton);
  }

  node.append(element('div', { className: 'baton-attempts' },
    summary, list,
    element('div', { className: 'baton-log-attempt form-inline' }, channel, ' ', note, ' ', logButton),
    element('hr'), pauseBlock, message));
}

export default {
  id: 'baton.attempts',
  pluginPoint: 'tasklist.task.detail',
  priority: 5,
  properties: { label: 'Attempts' },
  render: (node, { api, taskId }) => {
    node.innerHTML = '';
    node.append(element('p', {}, 'Loading…'));
    let leadId;
    const reload = () => call(api, 'GET', `/api/leads/${encodeURIComponent(leadId)}`)
      .then(lead => render(node, lead, api, reload));
    leadIdOf(api, taskId)
      .then(id => { leadId = id; return reload(); })
      .catch(error => {
        node.innerHTML = '';
        node.append(element('p', { className: 'baton-attempts-message' }, error.message));
      });
  }
};

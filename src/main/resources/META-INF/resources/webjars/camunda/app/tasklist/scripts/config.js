// Tasklist configuration of Baton. Served instead of the webjar's own config.js because the
// application's classes come first on the class path; it repeats Camunda's keyboard shortcuts,
// everything not set here keeps Camunda's default.
export default {
  // Baton's Tasklist plugins, one file each, loaded relative to app/tasklist/ (".js" appended by Tasklist).
  customScripts: [
    'scripts/baton-accountable',
    'scripts/baton-attempts'
  ],
  shortcuts: {
    claimTask: { key: 'ctrl+alt+c', description: 'claims the currently selected task' },
    focusFilter: { key: 'ctrl+shift+f', description: 'set the focus to the first filter in the list' },
    focusList: { key: 'ctrl+alt+l', description: 'sets the focus to the first task in the list' },
    focusForm: { key: 'ctrl+alt+f', description: 'sets the focus to the first input field in a task form' },
    startProcess: { key: 'ctrl+alt+p', description: 'opens the start process modal dialog' }
  }
};

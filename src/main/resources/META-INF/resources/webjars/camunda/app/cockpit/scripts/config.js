// Cockpit configuration of Baton. Served instead of the webjar's own config.js because the
// application's classes come first on the class path; everything not set here keeps Camunda's default.
export default {
  // Baton's frontend plugins, loaded relative to app/cockpit/ (".js" appended by Cockpit):
  // baton-insight: badges on the diagrams of Baton's processes, the "Handoffs" dashboard section and the
  //   "Baton" at-a-glance page with its navigation entry;
  // baton-team: the "Team" page (capacity, availability, manager of the directory's members).
  customScripts: [
    'scripts/baton-insight',
    'scripts/baton-team'
  ],
  disableWelcomeMessage: true
};

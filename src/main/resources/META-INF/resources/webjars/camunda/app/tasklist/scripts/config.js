// Tasklist configuration of Baton. Served instead of the webjar's own config.js because the
// application's classes come first on the class path; everything not set here keeps Camunda's default.
export default {
  // Baton's Tasklist plugins, loaded relative to app/tasklist/, ".js" appended by Tasklist.
  customScripts: [
    'scripts/baton-attempts'
  ]
};

'use strict';
// restify 11 requires spdy at load time but calls it only for `createServer({ spdy: … })`, which
// Målbot never uses. The real spdy (unmaintained since 2020) cannot even be loaded on Node 24, so
// this stand-in takes its place (package.json "overrides"); restify 12 drops spdy altogether.
function unsupported() {
  throw new Error('HTTP/2 through spdy is not supported in Målbot (the spdy module is replaced by a stand-in).');
}
module.exports = { createServer: unsupported, Agent: unsupported, createAgent: unsupported };

// Runs madge's command line (`npm run check:cycles`) with `typescript` resolved to TypeScript 5.
// madge reads .ts files with @typescript-eslint's parser, which needs TypeScript's compiler
// API (5.x); the UI compiles with TypeScript 7, whose package has no such API. npm hoists some
// of madge's dependencies beside the UI's TypeScript 7, so every `require('typescript')` made
// while madge runs is sent to the TypeScript 5 of this package.
const Module = require('node:module');
const path = require('node:path');

const typescript5 = path.dirname(require.resolve('typescript/package.json', { paths: [__dirname] }));
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === 'typescript' || request.startsWith('typescript/')) {
    request = typescript5 + request.slice('typescript'.length);
  }
  return resolve.call(this, request, ...rest);
};

require(require.resolve('madge/bin/cli.js', { paths: [__dirname] }));

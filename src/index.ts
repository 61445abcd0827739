// Re-exports the functions named in manifest.yml, nothing else (one export per `function` key).

// UI resolvers (issue panels)
export { handler } from './entry/resolvers/resolver.handler';

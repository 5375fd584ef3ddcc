// What the provider's API client takes from undici, without the rest of it. The client uses one Agent and
// `dispatcher.request()`; undici's index also loads fetch, WebSocket, cookies, the mock agents, the cache
// interceptors and more, ~35 ms of CPU in every configured provider process (docs/performance.md).
// scripts/build.mjs puts this file in place of `undici` in the client bundle only; it repeats what undici's
// index does for these two (`Object.assign(Dispatcher.prototype, api)`, reduced to `request`). The paths are
// undici's own files: if a new undici moves them, the build fails rather than the provider.
import Agent from 'undici/lib/dispatcher/agent.js';
import Dispatcher from 'undici/lib/dispatcher/dispatcher.js';
import request from 'undici/lib/api/api-request.js';

Dispatcher.prototype.request = request;

export { Agent, Dispatcher };

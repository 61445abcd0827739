// Injected into every Firebreak iframe by the sandbox, before the app's own scripts, the way Forge
// injects its bridge script. It implements `window.__bridge.callBridge(name, payload)`, the only
// seam @forge/bridge and @forge/jira-bridge use, by messaging the host page that embeds the frame.
(() => {
  'use strict';
  let nextId = 1;
  const pending = new Map();
  const callbacks = new Map();
  let configureCallback;

  const post = (message) => window.parent.postMessage({ source: 'firebreak-bridge', ...message }, window.location.origin);

  const send = (name, payload) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      post({ kind: 'call', id, name, payload });
    });

  const applyTheme = (theme) => {
    if (!theme) return;
    const html = document.documentElement;
    html.setAttribute('data-color-mode', theme.colorMode);
    html.setAttribute('data-theme', 'dark:dark light:light spacing:spacing typography:typography');
    for (const mode of ['light', 'dark']) {
      if (document.querySelector(`link[data-forge-theme="${mode}"]`)) continue;
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = `/__sandbox/tokens/atlassian-${mode}.css`;
      link.dataset.forgeTheme = mode;
      document.head.appendChild(link);
    }
  };

  // view.createHistory(): a history (the `history` v4 shape @forge/bridge types it as) whose location
  // lives in the host page's URL. Changes go to the host; the host tells us where we are now.
  let history;
  const historyListeners = new Set();
  const notifyHistory = (next, action) => {
    if (!history) return;
    history.location = next;
    history.action = action;
    for (const listener of [...historyListeners]) listener(next, action);
  };
  const pathOf = (to) => {
    if (typeof to === 'string') return to;
    const { pathname = '/', search = '', hash = '' } = to || {};
    return `${pathname}${search && !search.startsWith('?') ? `?${search}` : search}${hash && !hash.startsWith('#') ? `#${hash}` : hash}`;
  };
  const createHistory = async () => {
    const location = await send('createHistory', {});
    if (history) return history;
    history = {
      location,
      action: 'POP',
      length: window.parent.history.length,
      push: (to, state) => {
        void send('historyPush', { path: pathOf(to), state: state ?? (typeof to === 'object' ? to.state : undefined) });
      },
      replace: (to, state) => {
        void send('historyReplace', { path: pathOf(to), state: state ?? (typeof to === 'object' ? to.state : undefined) });
      },
      go: (delta) => {
        void send('historyGo', { delta });
      },
      goBack: () => history.go(-1),
      goForward: () => history.go(1),
      block: () => () => undefined,
      createHref: (to) => pathOf(to),
      listen: (listener) => {
        historyListeners.add(listener);
        return () => {
          historyListeners.delete(listener);
        };
      },
    };
    return history;
  };

  window.__bridge = {
    callBridge: async (name, payload) => {
      switch (name) {
        case 'on': {
          const callbackId = nextId++;
          callbacks.set(callbackId, payload.callback);
          await send('on', { event: payload.event, callbackId });
          return { unsubscribe: () => send('off', { callbackId }) };
        }
        case 'setWorkflowRuleConfigurationCallback':
          configureCallback = payload && payload.data ? payload.data.onConfigure : undefined;
          return send('setWorkflowRuleConfigurationCallback', {});
        case 'createHistory':
          return createHistory();
        case 'enableTheming': {
          const theme = await send('enableTheming', {});
          applyTheme(theme);
          return undefined;
        }
        default:
          return send(name, payload);
      }
    },
  };

  window.addEventListener('message', async (event) => {
    if (event.source !== window.parent || !event.data || event.data.source !== 'firebreak-host') return;
    const message = event.data;
    if (message.kind === 'reply') {
      const waiter = pending.get(message.id);
      if (!waiter) return;
      pending.delete(message.id);
      if (message.ok) waiter.resolve(message.value);
      else waiter.reject(new Error(message.error));
    } else if (message.kind === 'event') {
      const callback = callbacks.get(message.callbackId);
      if (callback) callback(message.payload);
    } else if (message.kind === 'history') {
      notifyHistory(message.location, message.action);
    } else if (message.kind === 'theme') {
      if (document.documentElement.hasAttribute('data-color-mode')) applyTheme(message.theme);
    } else if (message.kind === 'configure') {
      try {
        const value = configureCallback ? await configureCallback() : undefined;
        post({ kind: 'configured', id: message.id, ok: true, value });
      } catch (error) {
        post({ kind: 'configured', id: message.id, ok: false, error: String(error && error.message ? error.message : error) });
      }
    }
  });

  // Forge sizes Custom UI frames to their content; report our height whenever it changes.
  // The body's own box, not the document's scroll height: that never shrinks below the frame's current size.
  const reportSize = () => post({ kind: 'resize', height: Math.ceil(document.body.getBoundingClientRect().height + 16) });
  window.addEventListener('load', () => {
    reportSize();
    new ResizeObserver(reportSize).observe(document.body);
  });
})();

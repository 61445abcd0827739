// The host side of the sandbox: what Jira's own page does around a Forge iframe. It answers the
// bridge calls that iframes send (see bridge-client.js), drives the user switcher and theme toggle,
// and wires the issue view's transition buttons.
(() => {
  'use strict';
  const frames = new Map(); // contentWindow -> { iframe, listeners: Map<callbackId, event>, configurable }
  const page = JSON.parse(document.getElementById('host-page-data').textContent);
  let configureSeq = 1;
  const configureWaiters = new Map();

  const currentTheme = () => ({ colorMode: document.documentElement.getAttribute('data-color-mode') || 'light' });

  const frameEntry = (win) => {
    for (const iframe of document.querySelectorAll('iframe[data-module-key]')) {
      if (iframe.contentWindow === win) {
        if (!frames.has(win)) frames.set(win, { iframe, listeners: new Map(), configurable: false });
        return frames.get(win);
      }
    }
    return undefined;
  };

  const contextFor = (iframe) => ({
    accountId: page.accountId,
    cloudId: page.cloudId,
    siteUrl: window.location.origin,
    localId: iframe.dataset.localId,
    moduleKey: iframe.dataset.moduleKey,
    environmentId: 'sandbox-environment',
    environmentType: 'DEVELOPMENT',
    locale: 'en-US',
    timezone: 'UTC',
    theme: currentTheme(),
    extension: JSON.parse(iframe.dataset.extension || '{}'),
  });

  const reply = (win, id, ok, valueOrError) =>
    win.postMessage({ source: 'firebreak-host', kind: 'reply', id, ok, ...(ok ? { value: valueOrError } : { error: valueOrError }) }, window.location.origin);

  const showFlag = (options) => {
    const area = document.getElementById('flags');
    const flag = document.createElement('div');
    flag.className = `flag flag-${options.type || 'info'}`;
    flag.setAttribute('role', 'status');
    flag.dataset.flagId = options.id || '';
    const title = document.createElement('strong');
    title.textContent = options.title || '';
    flag.appendChild(title);
    if (options.description) {
      const body = document.createElement('div');
      body.textContent = options.description;
      flag.appendChild(body);
    }
    area.appendChild(flag);
    if (options.isAutoDismiss) setTimeout(() => flag.remove(), 8000);
  };

  /** A router location (a URL, or a NavigationLocation the server resolves as Jira would) as a site path. */
  const resolveLocation = async (payload) => {
    if (typeof payload === 'string') return payload;
    if (typeof payload.url === 'string') return payload.url;
    const { type: _type, ...location } = payload;
    const response = await fetch('/__host/navigation', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ location }),
    });
    const body = await response.json();
    if (!response.ok) throw new Error(body.message);
    return body.url;
  };

  // view.createHistory(): on a full page, Jira keeps the app's route after the page's own URL
  // (/jira/software/projects/SHOP/apps/{appId}/{envId}/<route>) and tells the app when it changes.
  let historyKeys = 1;
  const appLocation = () => {
    const base = page.history.base;
    const rest = window.location.pathname.startsWith(base) ? window.location.pathname.slice(base.length) : '';
    const state = window.history.state || {};
    return { pathname: rest === '' ? '/' : rest, search: window.location.search, hash: window.location.hash, state: state.appState ?? null, key: state.key || 'default' };
  };
  const tellHistories = (action) => {
    const location = appLocation();
    for (const [win, other] of frames) {
      if (other.history) win.postMessage({ source: 'firebreak-host', kind: 'history', location, action }, window.location.origin);
    }
  };
  const changeAppLocation = (action, path, state) => {
    if (typeof path !== 'string' || !path.startsWith('/')) throw new Error(`A history path starts with "/"; got ${JSON.stringify(path)}.`);
    const url = new URL(path, window.location.origin);
    const target = `${page.history.base}${url.pathname === '/' ? '' : url.pathname}${url.search}${url.hash}`;
    const entry = { key: `k${historyKeys++}`, appState: state ?? null };
    if (action === 'PUSH') window.history.pushState(entry, '', target);
    else window.history.replaceState(entry, '', target);
    tellHistories(action);
  };
  window.addEventListener('popstate', () => {
    if (page.history) tellHistories('POP');
  });

  // Forge's user consent: when a function fails because the user has not allowed the app to act for
  // them, Jira shows "Allow access" in place of the app's frame. Allowing opens Atlassian's consent
  // screen (here a dialog listing the app's scopes); after Accept, the frames that asked load again.
  const waitingForConsent = new Set();
  const askForConsent = (iframe) => {
    if (waitingForConsent.has(iframe)) return;
    waitingForConsent.add(iframe);
    const prompt = document.createElement('div');
    prompt.className = 'consent-prompt';
    prompt.setAttribute('role', 'region');
    prompt.setAttribute('aria-label', 'Allow access');
    const text = document.createElement('p');
    text.textContent = 'Firebreak needs your permission to access Jira on your behalf before it can show this.';
    const allow = document.createElement('button');
    allow.type = 'button';
    allow.textContent = 'Allow access';
    allow.addEventListener('click', () => void openConsentScreen());
    prompt.append(text, allow);
    iframe.hidden = true;
    iframe.before(prompt);
  };
  const openConsentScreen = async () => {
    if (document.querySelector('.consent-dialog')) return;
    const { scopes } = await (await fetch('/__host/consent')).json();
    const dialog = document.createElement('div');
    dialog.className = 'consent-dialog';
    dialog.setAttribute('role', 'dialog');
    dialog.setAttribute('aria-modal', 'true');
    dialog.setAttribute('aria-label', 'Firebreak is requesting access to your Atlassian account');
    const heading = document.createElement('h2');
    heading.textContent = 'Firebreak is requesting access to your Atlassian account';
    const list = document.createElement('ul');
    for (const scope of scopes) {
      const item = document.createElement('li');
      item.textContent = scope;
      list.appendChild(item);
    }
    const accept = document.createElement('button');
    accept.type = 'button';
    accept.textContent = 'Accept';
    const cancel = document.createElement('button');
    cancel.type = 'button';
    cancel.textContent = 'Cancel';
    cancel.addEventListener('click', () => dialog.remove());
    accept.addEventListener('click', async () => {
      await fetch('/__host/consent', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      dialog.remove();
      for (const iframe of waitingForConsent) {
        const prompt = iframe.previousElementSibling;
        if (prompt && prompt.classList.contains('consent-prompt')) prompt.remove();
        iframe.hidden = false;
        iframe.contentWindow.location.reload();
      }
      waitingForConsent.clear();
    });
    dialog.append(heading, list, accept, cancel);
    document.body.appendChild(dialog);
  };

  const handlers = {
    getContext: (entry) => contextFor(entry.iframe),
    async invoke(entry, payload) {
      const response = await fetch('/__host/invoke', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          moduleKey: entry.iframe.dataset.moduleKey,
          functionKey: payload.functionKey,
          payload: payload.payload,
          extension: JSON.parse(entry.iframe.dataset.extension || '{}'),
        }),
      });
      const body = await response.json();
      if (body.needsConsent) askForConsent(entry.iframe);
      if (!body.ok) throw new Error(body.message);
      return body.value;
    },
    // requestJira: relayed to the sandbox's Forge proxy, which checks the app's scopes like Forge's does.
    async fetchProduct(entry, payload) {
      if (payload.product !== 'jira') throw new Error(`The sandbox only emulates Jira, not ${payload.product}.`);
      const init = payload.fetchRequestInit || {};
      const method = (init.method || 'GET').toUpperCase();
      const response = await fetch('/__host/fetch-product', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ restPath: payload.restPath, method, body: method === 'GET' ? null : (init.body ?? null) }),
      });
      const answer = await response.json();
      if (answer.needsConsent) askForConsent(entry.iframe);
      if (!response.ok || answer.needsConsent) throw new Error(answer.message);
      return { status: answer.status, statusText: '', headers: answer.headers, body: answer.body };
    },
    enableTheming: () => currentTheme(),
    showFlag: (entry, options) => {
      showFlag(options);
      return undefined;
    },
    closeFlag: (entry, { id }) => {
      document.querySelectorAll(`[data-flag-id="${CSS.escape(id)}"]`).forEach((flag) => flag.remove());
    },
    submit: (entry, payload) => window.firebreakHost.onSubmit(entry.iframe, payload),
    close: (entry) => window.firebreakHost.onClose(entry.iframe),
    // view.refresh(): only the issue view's modules may ask, and Jira answers false to the others
    // (@forge/bridge then throws "this resource's view is not refreshable"). Jira re-reads the issue
    // and renders its view again: fields, status, transitions, comments, and the app frames on it,
    // which start afresh (whatever a frame held only in memory is gone). The sandbox reads the
    // issue view again as the signed-in user and puts it in place of the old one.
    // @see https://developer.atlassian.com/platform/forge/apis-reference/ui-api-bridge/view/#refresh
    // @see https://developer.atlassian.com/cloud/jira/software/jsapi/jira/ (refreshIssuePage, Connect's equivalent)
    refresh: async (entry) => {
      const issueView = entry.iframe.closest('.issue-view');
      if (!page.issueKey || !issueView) return false;
      await window.firebreakHost.refreshIssueView();
      return true;
    },
    reload: () => window.location.reload(),
    // router.navigate and router.open both arrive as "navigate", told apart by type.
    async navigate(entry, payload) {
      const url = await resolveLocation(payload);
      if (payload.type === 'new-tab') window.open(url, '_blank', 'noopener');
      else window.location.assign(url);
    },
    getUrl: async (entry, payload) => new URL(await resolveLocation(payload), window.location.origin).href,
    emit: (entry, { event, payload }) => {
      for (const [win, other] of frames) {
        for (const [callbackId, name] of other.listeners) {
          if (name === event) win.postMessage({ source: 'firebreak-host', kind: 'event', callbackId, payload }, window.location.origin);
        }
      }
    },
    on: (entry, { event, callbackId }) => {
      entry.listeners.set(callbackId, event);
    },
    off: (entry, { callbackId }) => {
      entry.listeners.delete(callbackId);
    },
    setWorkflowRuleConfigurationCallback: (entry) => {
      entry.configurable = true;
      return true;
    },
    createHistory: (entry) => {
      if (!page.history) throw new Error('view.createHistory() works only in full-page modules (project, global and admin pages).');
      entry.history = true;
      return appLocation();
    },
    historyPush: (entry, { path, state }) => changeAppLocation('PUSH', path, state),
    historyReplace: (entry, { path, state }) => changeAppLocation('REPLACE', path, state),
    historyGo: (entry, { delta }) => {
      window.history.go(delta);
    },
    changeWindowTitle: (entry, { title }) => {
      document.title = title;
    },
    emitReadyEvent: () => undefined,
  };

  window.addEventListener('message', async (event) => {
    const message = event.data;
    if (!message || message.source !== 'firebreak-bridge') return;
    const entry = frameEntry(event.source);
    if (!entry) return;
    if (message.kind === 'resize') {
      entry.iframe.style.height = `${Math.max(60, message.height)}px`;
      return;
    }
    if (message.kind === 'configured') {
      const waiter = configureWaiters.get(message.id);
      configureWaiters.delete(message.id);
      if (waiter) waiter(message);
      return;
    }
    const handler = handlers[message.name];
    if (!handler) {
      reply(event.source, message.id, false, `The sandbox host does not implement the bridge call "${message.name}".`);
      return;
    }
    try {
      reply(event.source, message.id, true, await handler(entry, message.payload || {}));
    } catch (error) {
      reply(event.source, message.id, false, error && error.message ? error.message : String(error));
    }
  });

  window.firebreakHost = {
    /** Asks a configuration frame for its workflow-rule configuration (workflowRules.onConfigure). */
    configure(iframe) {
      return new Promise((resolve) => {
        const id = configureSeq++;
        configureWaiters.set(id, resolve);
        iframe.contentWindow.postMessage({ source: 'firebreak-host', kind: 'configure', id }, window.location.origin);
      });
    },
    onSubmit: (iframe, payload) => {
      document.dispatchEvent(new CustomEvent('firebreak:submit', { detail: { iframe, payload } }));
      return true;
    },
    onClose: (iframe) => {
      document.dispatchEvent(new CustomEvent('firebreak:close', { detail: { iframe } }));
    },
  };

  // User switcher: signing in is a sandbox control call; the server keeps the session in a cookie.
  const switcher = document.getElementById('user-switcher');
  if (switcher) {
    switcher.addEventListener('change', async () => {
      await fetch('/__control/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ accountId: switcher.value }),
      });
      window.location.reload();
    });
  }

  const themeToggle = document.getElementById('theme-toggle');
  if (themeToggle) {
    themeToggle.addEventListener('click', () => {
      const next = currentTheme().colorMode === 'dark' ? 'light' : 'dark';
      document.documentElement.setAttribute('data-color-mode', next);
      document.cookie = `fb_theme=${next}; path=/; SameSite=Lax`;
      for (const win of frames.keys()) win.postMessage({ source: 'firebreak-host', kind: 'theme', theme: currentTheme() }, window.location.origin);
    });
  }

  // Issue view: transition buttons call Jira's REST API as the signed-in user, like Jira's own UI.
  const wireTransitions = (root) => {
    for (const button of root.querySelectorAll('[data-transition-id]')) wireTransition(button);
  };
  const wireTransition = (button) => {
    button.addEventListener('click', async () => {
      const errorBox = document.getElementById('transition-error');
      errorBox.hidden = true;
      button.disabled = true;
      const response = await fetch(`/rest/api/3/issue/${encodeURIComponent(page.issueKey)}/transitions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ transition: { id: button.dataset.transitionId } }),
      });
      button.disabled = false;
      if (response.ok) {
        window.location.reload();
        return;
      }
      const body = await response.json().catch(() => ({}));
      const messages = [...(body.errorMessages || []), ...Object.values(body.errors || {})];
      errorBox.textContent = messages.join(' ') || `Jira refused the transition (HTTP ${response.status}).`;
      errorBox.hidden = false;
    });
  };
  wireTransitions(document);

  /**
   * Renders the issue view again from what Jira holds now, without reloading the page: the server's
   * issue page is read again and its view put in place of this one, app frames included (new
   * iframes, so the apps load afresh). `data-issue-view-renders` counts the renders, for tests.
   */
  window.firebreakHost.refreshIssueView = async () => {
    const response = await fetch(window.location.href, { headers: { accept: 'text/html' }, cache: 'no-store' });
    const fresh = new window.DOMParser().parseFromString(await response.text(), 'text/html');
    const main = document.querySelector('main');
    const next = fresh.querySelector('main');
    if (!main || !next) throw new Error('The issue view could not be read again.');
    const renders = Number(main.dataset.issueViewRenders || '1') + 1;
    main.replaceChildren(...[...next.childNodes].map((node) => document.importNode(node, true)));
    main.dataset.issueViewRenders = String(renders);
    wireTransitions(main);
    for (const [win, entry] of frames) if (!entry.iframe.isConnected) frames.delete(win);
  };
})();

// Dashboard: add, configure (the gadget's edit view calls view.submit), remove.
(() => {
  'use strict';
  const sendJson = async (method, url, body) => {
    const response = await fetch(url, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!response.ok) {
      const answer = await response.json().catch(() => ({}));
      throw new Error(answer.message || `HTTP ${response.status}`);
    }
    return response.status === 204 ? undefined : response.json();
  };

  const addGadget = document.querySelector('[data-add-gadget]');
  if (addGadget) {
    addGadget.addEventListener('submit', async (event) => {
      event.preventDefault();
      await sendJson('POST', '/__host/dashboard/gadgets', { moduleKey: new FormData(addGadget).get('moduleKey') });
      window.location.assign('/jira/dashboards/1');
    });
  }
  for (const button of document.querySelectorAll('[data-remove-gadget]')) {
    button.addEventListener('click', async () => {
      await sendJson('DELETE', `/__host/dashboard/gadgets/${encodeURIComponent(button.dataset.removeGadget)}`);
      window.location.assign('/jira/dashboards/1');
    });
  }
  document.addEventListener('firebreak:submit', async (event) => {
    const section = event.detail.iframe.closest('[data-gadget-id]');
    if (!section) return;
    await sendJson('PUT', `/__host/dashboard/gadgets/${encodeURIComponent(section.dataset.gadgetId)}`, { configuration: event.detail.payload });
    window.location.assign('/jira/dashboards/1');
  });
  document.addEventListener('firebreak:close', (event) => {
    if (event.detail.iframe.closest('[data-gadget-id]')) window.location.assign('/jira/dashboards/1');
  });

  // Workflow editor: Add/Update asks the config frame for its configuration (workflowRules.onConfigure).
  for (const editor of document.querySelectorAll('[data-rule-editor]')) {
    const errorBox = editor.querySelector('[data-rule-error]');
    editor.querySelector('[data-save-rule]').addEventListener('click', async () => {
      errorBox.hidden = true;
      const iframe = editor.querySelector('iframe');
      const answer = await window.firebreakHost.configure(iframe);
      if (!answer.ok || answer.value === undefined) {
        // Returning undefined from onConfigure blocks saving; the config page shows why.
        errorBox.textContent = answer.ok ? 'The rule was not saved: fix what its configuration page points out.' : `The configuration page failed: ${answer.error}`;
        errorBox.hidden = false;
        return;
      }
      try {
        await sendJson('POST', '/__host/workflow-rules', {
          workflowKey: editor.dataset.workflow,
          transitionId: editor.dataset.transition,
          key: editor.dataset.validator,
          ruleId: editor.dataset.ruleId,
          configuration: answer.value,
        });
        window.location.assign(`/jira/settings/workflows?workflow=${encodeURIComponent(editor.dataset.workflow)}&transition=${encodeURIComponent(editor.dataset.transition)}`);
      } catch (error) {
        errorBox.textContent = error.message;
        errorBox.hidden = false;
      }
    });
  }
  // The old workflow editor adds an app's rule without opening its pages: no configuration.
  for (const form of document.querySelectorAll('[data-add-bare-rule]')) {
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const errorBox = form.querySelector('[data-rule-error]');
      errorBox.hidden = true;
      try {
        await sendJson('POST', '/__host/workflow-rules', { workflowKey: form.dataset.workflow, transitionId: form.dataset.transition, key: new FormData(form).get('validator') });
        window.location.reload();
      } catch (error) {
        errorBox.textContent = error.message;
        errorBox.hidden = false;
      }
    });
  }
  for (const button of document.querySelectorAll('[data-remove-rule]')) {
    button.addEventListener('click', async () => {
      await sendJson('DELETE', '/__host/workflow-rules', { workflowKey: button.dataset.workflow, transitionId: button.dataset.transition, ruleId: button.dataset.removeRule });
      window.location.reload();
    });
  }
})();

// Create issue: POST /rest/api/3/issue as the signed-in user, then open the new issue.
(() => {
  'use strict';
  const form = document.getElementById('create-issue');
  if (!form) return;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const description = String(data.get('description') || '').trim();
    const fields = {
      project: { key: data.get('project') },
      issuetype: { name: data.get('type') },
      summary: data.get('summary'),
      ...(description === ''
        ? {}
        : { description: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: description }] }] } }),
    };
    const response = await fetch('/rest/api/3/issue', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fields }) });
    const body = await response.json().catch(() => ({}));
    if (response.ok) {
      window.location.assign(`/browse/${body.key}`);
      return;
    }
    const errorBox = document.getElementById('create-error');
    errorBox.textContent = [...(body.errorMessages || []), ...Object.values(body.errors || {})].join(' ') || `Jira refused (HTTP ${response.status}).`;
    errorBox.hidden = false;
  });
})();

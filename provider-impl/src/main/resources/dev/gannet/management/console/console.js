// Gannet web console: plain JavaScript, no libraries. Every piece of broker data reaches the page through
// textContent (never innerHTML), so message bodies and properties are shown as text, never as markup.
'use strict';

(function () {
  const REFRESH_MS = 3000;
  const state = { csrf: null, user: null, loginRequired: false, timer: null,
    list: { queues: { sort: 'name', dir: 'asc', page: 0, size: 25, filter: '' },
            subscriptions: { sort: 'topic', dir: 'asc', page: 0, size: 25, filter: '' },
            connections: { sort: 'id', dir: 'asc', page: 0, size: 25, filter: '' } },
    messages: { offset: 0, size: 20 } };

  const $ = (id) => document.getElementById(id);

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (name === 'class') node.className = value;
      else if (name.startsWith('on')) node.addEventListener(name.substring(2), value);
      else if (name === 'dataset') Object.assign(node.dataset, value);
      else node.setAttribute(name, value);
    }
    for (const child of children) {
      node.append(child instanceof Node ? child : document.createTextNode(child == null ? '' : String(child)));
    }
    return node;
  }

  async function api(path, parameters) {
    const response = await fetch(path + (parameters ? '?' + new URLSearchParams(parameters) : ''),
      { credentials: 'same-origin' });
    return answer(response);
  }

  async function post(path, parameters, headers) {
    const response = await fetch(path, {
      method: 'POST', credentials: 'same-origin',
      headers: Object.assign({ 'Content-Type': 'application/x-www-form-urlencoded' },
        state.csrf ? { 'X-Gannet-CSRF': state.csrf } : {}, headers || {}),
      body: new URLSearchParams(parameters || {})
    });
    return answer(response);
  }

  async function answer(response) {
    const body = await response.json().catch(() => ({ error: 'Unreadable answer (' + response.status + ')' }));
    if (response.status === 401 && state.csrf) {
      state.csrf = null;
      showLogin('Your session ended; log in again.');
    }
    if (!response.ok) throw new Error(body.error || ('HTTP ' + response.status));
    return body;
  }

  function status(text, isError) {
    const line = $('status');
    line.textContent = text;
    line.className = isError ? 'error' : '';
  }

  function confirmThen(text) {
    return new Promise((resolve) => {
      $('confirm-text').textContent = text;
      $('confirm').hidden = false;
      const done = (yes) => { $('confirm').hidden = true; $('confirm-yes').onclick = null; $('confirm-no').onclick = null; resolve(yes); };
      $('confirm-yes').onclick = () => done(true);
      $('confirm-no').onclick = () => done(false);
    });
  }

  // ---- session

  async function start() {
    $('login-form').addEventListener('submit', login);
    $('logout').addEventListener('click', logout);
    window.addEventListener('hashchange', () => { resetPaging(); render(); });
    const session = await api('/api/session');
    state.loginRequired = session.loginRequired;
    if (session.loggedIn) loggedIn(session); else showLogin('');
  }

  function showLogin(message) {
    stopRefresh();
    $('main').hidden = true; $('nav').hidden = true; $('logout').hidden = true; $('who').textContent = '';
    $('login').hidden = false;
    $('login-error').textContent = message;
  }

  async function login(event) {
    event.preventDefault();
    $('login-error').textContent = '';
    try {
      const session = await post('/api/login', { user: $('login-user').value, password: $('login-password').value },
        { 'X-Gannet-Login': 'gannet-console' });
      $('login-password').value = '';
      loggedIn(session);
    } catch (e) {
      $('login-password').value = '';
      $('login-error').textContent = e.message;
    }
  }

  async function logout() {
    try { await post('/api/logout'); } catch (e) { /* the session is gone either way */ }
    state.csrf = null;
    showLogin('Logged out.');
  }

  function loggedIn(session) {
    state.csrf = session.csrf;
    state.user = session.user;
    $('login').hidden = true; $('main').hidden = false; $('nav').hidden = false;
    $('logout').hidden = !state.loginRequired;
    $('who').textContent = session.user ? 'User ' + session.user : 'No login (the broker has no authentication)';
    if (!location.hash) location.hash = '#queues'; else render();
    startRefresh();
  }

  function startRefresh() {
    stopRefresh();
    state.timer = setInterval(() => { if ($('confirm').hidden) refresh().catch(() => {}); }, REFRESH_MS);
  }

  function stopRefresh() {
    if (state.timer) clearInterval(state.timer);
    state.timer = null;
  }

  // ---- routing

  function route() {
    const hash = location.hash.substring(1);
    const slash = hash.indexOf('/');
    return slash < 0 ? { page: hash || 'queues', arg: null }
      : { page: hash.substring(0, slash), arg: decodeURIComponent(hash.substring(slash + 1)) };
  }

  function resetPaging() {
    state.messages.offset = 0;
  }

  async function render() {
    if (!state.csrf) return;
    const { page, arg } = route();
    for (const link of document.querySelectorAll('#nav a')) {
      link.classList.toggle('current', link.id === 'nav-' + (page === 'messages' ? 'queues' : page));
    }
    status('');
    const view = $('view');
    view.replaceChildren();
    if (page === 'queues') view.append(listView('queues', queueColumns(), queueActions));
    else if (page === 'subscriptions') view.append(listView('subscriptions', subscriptionColumns(), null));
    else if (page === 'connections') view.append(listView('connections', connectionColumns(), connectionActions));
    else if (page === 'messages') view.append(messagesView(arg, false));
    else if (page === 'dlq') await deadLetterView(view, arg);
    await refresh();
  }

  async function refresh() {
    const overview = await api('/api/overview');
    $('broker-name').textContent = 'broker ' + overview.broker;
    $('overview').replaceChildren(
      el('span', {}, 'Queues ', el('b', { id: 'overview-queues' }, overview.queues)),
      el('span', {}, 'Topics ', el('b', {}, overview.topics)),
      el('span', {}, 'Subscriptions ', el('b', {}, overview.subscriptions)),
      el('span', {}, 'Connections ', el('b', { id: 'overview-connections' }, overview.connections)),
      el('span', {}, 'Up since ', el('b', {}, new Date(overview.started).toLocaleString())));
    const { page } = route();
    if (page === 'queues' || page === 'subscriptions' || page === 'connections') await loadList(page);
    else if (page === 'messages' || page === 'dlq') await loadDepth();
  }

  // ---- lists: queues, subscriptions, connections

  const number = (key, label) => ({ key, label, number: true });
  const text = (key, label) => ({ key, label });

  function queueColumns() {
    return [text('name', 'Name'), number('depth', 'Depth'), number('consumers', 'Consumers'),
      number('enqueued', 'Enqueued'), number('delivered', 'Delivered'), number('acknowledged', 'Acknowledged'),
      number('deadLettered', 'Dead-lettered'), number('expired', 'Expired'), text('paused', 'Paused')];
  }

  function subscriptionColumns() {
    return [text('topic', 'Topic'), text('name', 'Name'), text('clientId', 'Client ID'), text('durable', 'Durable'),
      text('shared', 'Shared'), text('selector', 'Selector'), number('depth', 'Depth'),
      number('consumers', 'Consumers'), number('enqueued', 'Enqueued'), number('acknowledged', 'Acknowledged')];
  }

  function connectionColumns() {
    return [number('id', 'Id'), text('user', 'User'), text('clientId', 'Client ID'),
      text('remoteAddress', 'Address'), text('created', 'Opened'), number('sessions', 'Sessions'),
      number('consumers', 'Consumers')];
  }

  function listView(kind, columns, actions) {
    const list = state.list[kind];
    const filter = el('input', { id: 'filter', type: 'search', placeholder: 'Filter by name', value: list.filter });
    filter.addEventListener('input', () => { list.filter = filter.value; list.page = 0; loadList(kind); });
    const head = el('tr', {}, ...columns.map((column) => {
      const cell = el('th', { dataset: column.number ? { key: column.key, number: '' } : { key: column.key } }, column.label);
      cell.addEventListener('click', () => {
        list.dir = list.sort === column.key && list.dir === 'asc' ? 'desc' : 'asc';
        list.sort = column.key;
        loadList(kind);
      });
      return cell;
    }), ...(actions ? [el('th', {}, '')] : []));
    const table = el('table', { id: kind + '-table' }, el('thead', {}, head), el('tbody', {}));
    table.columns = columns;
    table.actions = actions;
    return el('div', {},
      el('div', { class: 'toolbar' }, filter,
        el('button', { id: 'prev', type: 'button', onclick: () => { if (list.page > 0) { list.page--; loadList(kind); } } }, '< Previous'),
        el('span', { id: 'page-info' }),
        el('button', { id: 'next', type: 'button', onclick: () => { list.page++; loadList(kind); } }, 'Next >')),
      table);
  }

  async function loadList(kind) {
    const list = state.list[kind];
    const answer = await api('/api/' + kind,
      { filter: list.filter, sort: list.sort, dir: list.dir, page: list.page, size: list.size });
    const table = $(kind + '-table');
    if (!table) return; // the page changed meanwhile
    const pages = Math.max(1, Math.ceil(answer.total / answer.size));
    if (list.page >= pages && list.page > 0) { list.page = pages - 1; return loadList(kind); }
    $('page-info').textContent = 'Page ' + (answer.page + 1) + ' of ' + pages + ' (' + answer.total + ')';
    $('prev').disabled = answer.page === 0;
    $('next').disabled = answer.page + 1 >= pages;
    for (const th of table.querySelectorAll('th[data-key]')) {
      th.className = th.dataset.key === list.sort ? 'sorted-' + list.dir : '';
    }
    table.tBodies[0].replaceChildren(...answer.items.map((row) => el('tr', { dataset: { key: String(kind === 'queues' ? row.name : kind === 'connections' ? row.id : row.number) } },
      ...table.columns.map((column) => {
        let value = row[column.key];
        if (column.key === 'created') value = new Date(value).toLocaleString();
        else if (typeof value === 'boolean') value = value ? (column.key === 'paused' ? 'paused' : 'yes') : '';
        return el('td', { class: (column.number ? 'number ' : '') + column.key }, value);
      }),
      ...(table.actions ? [el('td', {}, ...table.actions(row))] : []))));
  }

  function queueActions(row) {
    return [el('a', { href: '#messages/' + encodeURIComponent(row.name), class: 'browse' }, 'Messages')];
  }

  function connectionActions(row) {
    return [el('button', { type: 'button', class: 'close-connection danger', onclick: async () => {
      if (!await confirmThen('Close connection ' + row.id + (row.user ? ' of user ' + row.user : '') + '?')) return;
      try {
        await post('/api/close-connection', { id: row.id });
        status('Closed connection ' + row.id);
      } catch (e) { status(e.message, true); }
      loadList('connections');
    } }, 'Close')];
  }

  // ---- a queue's messages, and the dead-letter queues

  async function deadLetterView(view, chosen) {
    const names = (await api('/api/dead-letter-queues')).items;
    const queue = chosen || names[0];
    const select = el('select', { id: 'dlq-select' }, ...names.map((name) => el('option', { value: name }, name)));
    select.value = queue;
    select.addEventListener('change', () => { location.hash = '#dlq/' + encodeURIComponent(select.value); });
    view.append(el('div', { class: 'toolbar' }, 'Dead-letter queue ', select), messagesView(queue, true));
  }

  function messagesView(queue, deadLetters) {
    const target = el('input', { id: 'move-target', placeholder: 'Target queue' });
    const act = (what, parameters, question) => async () => {
      const asked = typeof question === 'function' ? question() : question;
      if (asked && !await confirmThen(asked)) return;
      try {
        const result = await post('/api/' + what, Object.assign({ queue }, parameters()));
        status(what.charAt(0).toUpperCase() + what.substring(1) + ': ' + result.count + ' message(s)');
      } catch (e) { status(e.message, true); }
      loadMessages();
    };
    const view = el('div', { id: 'messages-view', dataset: { queue } },
      el('h2', {}, (deadLetters ? 'Dead letters in ' : 'Messages of ') + queue + ' ',
        el('span', { class: 'depth-line' }, '(depth ', el('span', { id: 'queue-depth' }), ')')),
      el('div', { class: 'toolbar' },
        el('button', { id: 'retry-all', type: 'button', onclick: act('retry', () => ({}),
          'Send every dead-lettered or expired message of ' + queue + ' back where it came from?') }, 'Retry all'),
        target,
        el('button', { id: 'move-all', type: 'button', onclick: act('move', () => ({ target: target.value }),
          () => 'Move every message of ' + queue + ' to ' + (target.value || '(no target)') + '?') }, 'Move all'),
        el('button', { id: 'purge', type: 'button', class: 'danger', onclick: act('purge', () => ({}),
          'Remove every message of ' + queue + '? This cannot be undone.') }, 'Purge'),
        el('button', { id: 'pause-toggle', type: 'button', onclick: async (event) => {
          const pausing = event.target.dataset.paused !== 'true';
          try {
            await post(pausing ? '/api/pause' : '/api/resume', { queue });
            status((pausing ? 'Paused' : 'Resumed') + ' delivery from ' + queue);
          } catch (e) { status(e.message, true); }
          loadMessages();
        } }, 'Pause delivery'),
        el('button', { id: 'messages-refresh', type: 'button', onclick: loadMessages }, 'Refresh')),
      el('div', { class: 'toolbar' },
        el('button', { id: 'messages-prev', type: 'button', onclick: () => { state.messages.offset = Math.max(0, state.messages.offset - state.messages.size); loadMessages(); } }, '< Previous'),
        el('span', { id: 'messages-info' }),
        el('button', { id: 'messages-next', type: 'button', onclick: () => { state.messages.offset += state.messages.size; loadMessages(); } }, 'Next >')),
      el('div', { id: 'messages' }));
    view.act = (what, messageId) => act(what, () => (what === 'move' ? { messageId, target: target.value } : { messageId }),
      what === 'remove' ? 'Remove message ' + messageId + '?' : null);
    setTimeout(loadMessages, 0);
    return view;
  }

  async function loadDepth() {
    const view = $('messages-view');
    if (!view) return;
    const page = await api('/api/messages', { queue: view.dataset.queue, offset: 0, size: 1 }).catch((e) => ({ error: e.message }));
    if ($('queue-depth')) $('queue-depth').textContent = page.error ? '?' : page.depth;
  }

  async function loadMessages() {
    const view = $('messages-view');
    if (!view) return;
    let page;
    try {
      page = await api('/api/messages', { queue: view.dataset.queue, offset: state.messages.offset, size: state.messages.size });
    } catch (e) {
      $('messages').replaceChildren(el('p', { class: 'error' }, e.message));
      return;
    }
    $('queue-depth').textContent = page.depth;
    $('pause-toggle').dataset.paused = String(page.paused);
    $('pause-toggle').textContent = page.paused ? 'Resume delivery' : 'Pause delivery';
    $('messages-info').textContent = page.items.length === 0 ? 'No messages'
      : 'Messages ' + (page.offset + 1) + '\u2013' + (page.offset + page.items.length);
    $('messages-prev').disabled = page.offset === 0;
    $('messages-next').disabled = !page.more;
    $('messages').replaceChildren(...page.items.map((message) => messageCard(view, message)));
  }

  function messageCard(view, message) {
    const headers = [['Body type', message.bodyType], ['Destination', message.destination],
      ['Timestamp', message.timestamp ? new Date(message.timestamp).toISOString() : ''],
      ['Correlation ID', message.correlationId], ['Type', message.type], ['Reply to', message.replyTo],
      ['Delivery mode', message.deliveryMode], ['Priority', message.priority],
      ['Expiration', message.expiration ? new Date(message.expiration).toISOString() : 'never'],
      ['Size', message.size + ' bytes']];
    const properties = Object.entries(message.properties || {});
    const id = message.messageId;
    return el('div', { class: 'message', dataset: { id: id || '' } },
      el('h3', {}, id || '(no message ID)'),
      el('dl', { class: 'headers' }, ...headers.flatMap(([name, value]) => [el('dt', {}, name), el('dd', {}, value)])),
      el('div', {}, 'Properties'),
      el('dl', { class: 'properties' }, ...properties.flatMap(([name, value]) => [el('dt', {}, name), el('dd', {}, value)])),
      el('div', {}, 'Body'),
      el('pre', { class: 'body' }, message.bodyPreview),
      id ? el('div', { class: 'toolbar' },
        el('button', { type: 'button', class: 'retry', onclick: view.act('retry', id) }, 'Retry'),
        el('button', { type: 'button', class: 'move', onclick: view.act('move', id) }, 'Move'),
        el('button', { type: 'button', class: 'remove danger', onclick: view.act('remove', id) }, 'Remove')) : '');
  }

  document.addEventListener('DOMContentLoaded', () => start().catch((e) => {
    $('login').hidden = false;
    $('login-error').textContent = 'The console cannot reach the broker: ' + e.message;
  }));
})();

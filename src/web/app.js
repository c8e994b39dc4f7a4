/*
 * web/app.js - search, administration (units tree, accounts, API tokens, audit trail), and
 * the router: the address after '#' picks the screen. The page's entry module (index.html
 * loads it; it imports the others); start() runs the page.
 */
import {S, R, ApiError, GET, POST, hooks, el, fill, td, table, page, failPage, errorBox, field, onSubmit,
    unitPicker, textInput, toast, can, listOf, loadUnits, unitName, main, $$} from './base.js';
import {fmtDate, fmtDateTime, ROLE} from './format.js';
import {loadSession, viewLogin, afterLogin, drawHeader, logout, viewPassword} from './session.js';
import {viewDashboard} from './dashboard.js';
import {viewTasks, viewTask, viewInbox} from './tasks.js';
import {viewMeetings, viewMeeting, viewMeetingNew, viewDocuments} from './meetings.js';

/* ---------- Search: tasks, meetings, documents and units, without tone marks ---------- */

const HIT = {task: 'Nhiệm vụ', meeting: 'Cuộc họp', document: 'Văn bản', unit: 'Đơn vị'};

async function viewSearch(q) {
    const text = q.get('q') || '';
    const box = errorBox();
    const input = el('input', {name: 'q', type: 'search', value: text, placeholder: 'vd. kenh muong, dau tu', required: true});
    const form = el('form', {class: 'filters inline', role: 'search', novalidate: true}, box, field('Tìm (không cần gõ dấu)', input),
        el('div', {class: 'actions'}, el('button', {type: 'submit', class: 'primary', text: 'Tìm'})));
    onSubmit(form, box, async () => { location.hash = '#/search?q=' + encodeURIComponent(input.value.trim()); });
    const out = el('section', {'aria-live': 'polite'});
    page('Tìm kiếm', form, out);
    if (!text) { input.focus(); return; }
    out.append(el('p', {class: 'loading', text: 'Đang tìm…'}));
    try {
        const r = await GET(R.search, {q: text, limit: 100});
        const href = h => h.kind === 'task' ? '#/tasks/' + h.id : h.kind === 'meeting' ? '#/meetings/' + h.id
            : h.kind === 'unit' ? '#/?unit=' + h.id + '&subtree=1' : null;
        fill(out, table(['Loại', 'Ngày', 'Nội dung'], listOf(r).map(h => el('tr', {},
            td(HIT[h.kind] || h.kind), td(fmtDate(h.date)),
            td(href(h) ? el('a', {href: href(h), text: h.text || '#' + h.id}) : (h.text || '#' + h.id)))),
        {empty: 'Không tìm thấy kết quả nào.'}));
    } catch (err) {
        fill(out, el('p', {class: 'error', role: 'alert', text: err.message}));
    }
}

/* ---------- Administration ---------- */

const ADMIN_TABS = [['units', 'Đơn vị'], ['accounts', 'Tài khoản'], ['tokens', 'Mã truy cập API'], ['audit', 'Nhật ký']];

async function viewAdmin(tab, q) {
    if (!can('admin')) return failPage(new Error('Chỉ tài khoản quản trị mới vào được trang này.'));
    tab = tab || 'units';
    const tabs = el('nav', {class: 'tabs no-print', 'aria-label': 'Quản trị'},
        ADMIN_TABS.map(([k, l]) => el('a', {href: '#/admin/' + k, text: l, 'aria-current': k === tab ? 'page' : null})));
    const out = el('section', {}, el('p', {class: 'loading', text: 'Đang tải…'}));
    page('Quản trị', tabs, out);
    try {
        if (tab === 'units') await adminUnits(out);
        else if (tab === 'accounts') await adminAccounts(out);
        else if (tab === 'tokens') await adminTokens(out);
        else await adminAudit(out, q);
    } catch (err) {
        fill(out, el('p', {class: 'error', role: 'alert', text: err.message}));
    }
}

async function adminUnits(out) {
    await loadUnits(true);
    const kids = new Map();
    for (const u of S.units) {
        const p = u.parent_id || 0;
        if (!kids.has(p)) kids.set(p, []);
        kids.get(p).push(u);
    }
    const tree = parent => {
        const list = kids.get(parent);
        if (!list) return null;
        return el('ul', {class: parent ? '' : 'tree'}, list.map(u => el('li', {},
            el('span', {class: u.valid_to ? 'closed' : ''}, u.name),
            el('small', {text: ' [' + (u.code || '') + ']' + (u.head_name ? ' — ' + u.head_name : '') +
                (u.valid_to ? ' (đã giải thể/sáp nhập ' + fmtDate(u.valid_to) + ')' : '')}),
            tree(u.id))));
    };
    const box = errorBox();
    const parent = unitPicker({name: 'parent_id'});
    const form = el('form', {class: 'admin-form', novalidate: true}, el('h2', {text: 'Thêm đơn vị'}), box,
        el('div', {class: 'grid2'},
            field('Mã', textInput('code', '', {placeholder: 'Vd. NA.CL.TP', required: true})), field('Tên đầy đủ', textInput('name', '', {required: true})),
            field('Tên ngắn', textInput('short_name', '')), field('Loại', textInput('kind', '', {placeholder: 'phòng, xã, phường…'})),
            field('Trực thuộc', parent), field('Người đứng đầu', textInput('head_name', '')),
            field('Chức danh', textInput('head_title', ''))),
        el('div', {class: 'actions'}, el('button', {type: 'submit', class: 'primary', text: 'Thêm đơn vị'})));
    onSubmit(form, box, async fd => {
        const body = {};
        for (const k of ['code', 'name', 'short_name', 'kind', 'head_name', 'head_title']) {
            const v = String(fd.get(k) || '').trim();
            if (v) body[k] = v;
        }
        if (!body.code) throw new ApiError(400, 'invalid', 'Cần nhập mã đơn vị.', 'code');
        if (!body.name) throw new ApiError(400, 'invalid', 'Cần nhập tên đơn vị.', 'name');
        if (parent.wrap.getValue()) body.parent_id = parent.wrap.getValue();
        await POST(R.units, body);
        toast('Đã thêm ' + body.name + '.');
        await adminUnits(out);
    });
    fill(out, el('h2', {text: 'Cây đơn vị'}), tree(0) || el('p', {text: 'Chưa có đơn vị.'}), form);
}

/* A row action: ask first, run, say what happened, redraw the tab; a refusal is said plainly. */
async function adminAction(question, fn, done, redraw) {
    if (question && !confirm(question)) return;
    try {
        await fn();
        toast(done);
    } catch (err) {
        toast(err.message || String(err));
    }
    await redraw();
}

async function adminAccounts(out) {
    const r = await GET(R.accounts);
    const accounts = listOf(r);
    const box = errorBox();
    const unit = unitPicker({name: 'unit_id'});
    const role = el('select', {name: 'role'}, Object.entries(ROLE).map(([v, l]) => el('option', {value: v, text: l, selected: v === 'unit'})));
    const form = el('form', {class: 'admin-form', novalidate: true}, el('h2', {text: 'Tạo tài khoản'}), box,
        el('div', {class: 'grid2'},
            field('Tên đăng nhập', textInput('username', '', {required: true, autocomplete: 'off'})),
            field('Vai trò', role), field('Đơn vị', unit),
            field('Mật khẩu ban đầu (ít nhất 8 ký tự)', el('input', {name: 'password', type: 'password', autocomplete: 'new-password'}))),
        el('div', {class: 'actions'}, el('button', {type: 'submit', class: 'primary', text: 'Tạo tài khoản'})));
    onSubmit(form, box, async fd => {
        if (!String(fd.get('username')).trim()) throw new ApiError(400, 'invalid', 'Cần nhập tên đăng nhập.', 'username');
        if (!unit.wrap.getValue()) throw new ApiError(400, 'invalid', 'Cần chọn đơn vị của tài khoản.', 'unit_id');
        await POST(R.accounts, {username: String(fd.get('username')).trim(), role: role.value,
            unit_id: unit.wrap.getValue(), password: fd.get('password')});
        toast('Đã tạo tài khoản.');
        await adminAccounts(out);
    });
    /* An administrator's reset: for someone who forgot theirs. One's own goes through "Đổi mật khẩu". */
    const others = accounts.filter(a => a.id !== S.user.id);
    const resetBox = errorBox();
    const who = el('select', {name: 'account'}, others.map(a => el('option', {value: a.id, text: a.username})));
    const reset = el('form', {class: 'admin-form', novalidate: true}, el('h2', {text: 'Đặt lại mật khẩu'}),
        el('p', {class: 'hint', text: 'Mọi phiên đăng nhập của tài khoản đó kết thúc; hãy báo mật khẩu mới cho người dùng qua kênh an toàn.'}), resetBox,
        el('div', {class: 'grid2'}, field('Tài khoản', who),
            field('Mật khẩu mới (ít nhất 8 ký tự)', el('input', {name: 'new_password', type: 'password', autocomplete: 'new-password'}))),
        el('div', {class: 'actions'}, el('button', {type: 'submit', text: 'Đặt lại mật khẩu'})));
    onSubmit(reset, resetBox, async fd => {
        if (!who.value) throw new ApiError(400, 'invalid', 'Cần chọn tài khoản.', 'account');
        await POST(R.accounts + '/' + who.value + '/password', {new_password: fd.get('new_password')});
        reset.reset();
        toast('Đã đặt lại mật khẩu của ' + who.selectedOptions[0].text + '.');
    });
    const redraw = () => adminAccounts(out);
    const act = a => a.id === S.user.id ? td('(tài khoản của bạn)') : td(a.disabled
        ? el('button', {type: 'button', class: 'link', text: 'Mở khóa', 'aria-label': 'Mở khóa ' + a.username,
            onclick: () => adminAction(null, () => POST(R.accounts + '/' + a.id + '/enable'), 'Đã mở khóa ' + a.username + '.', redraw)})
        : el('button', {type: 'button', class: 'link', text: 'Khóa', 'aria-label': 'Khóa ' + a.username,
            onclick: () => adminAction('Khóa tài khoản ' + a.username + '? Người dùng sẽ bị đăng xuất và mã truy cập API của tài khoản bị từ chối.',
                () => POST(R.accounts + '/' + a.id + '/disable'), 'Đã khóa ' + a.username + '.', redraw)}), 'no-print');
    fill(out, table(['Tên đăng nhập', 'Vai trò', 'Đơn vị', 'Tạo lúc', 'Trạng thái', 'Thao tác'],
        accounts.map(a => el('tr', {}, td(a.username), td(ROLE[a.role] || a.role),
            td(a.unit ? a.unit.name : unitName(a.unit_id)), td(fmtDateTime(a.created_at)), td(a.disabled ? 'Đã khóa' : 'Đang dùng'), act(a))),
        {caption: 'Tài khoản'}), form, others.length ? reset : null);
}

async function adminTokens(out) {
    const r = await GET(R.tokens);
    const box = errorBox();
    const shown = el('div', {});
    const form = el('form', {class: 'admin-form', novalidate: true}, el('h2', {text: 'Cấp mã truy cập cho hệ thống khác'}),
        el('p', {class: 'hint', text: 'Hệ thống khác gửi mã trong tiêu đề Authorization: Bearer …; mã có quyền của tài khoản được cấp.'}), box,
        el('div', {class: 'grid2'}, field('Tài khoản', textInput('username', '', {required: true})), field('Ghi chú', textInput('label', ''))),
        el('div', {class: 'actions'}, el('button', {type: 'submit', class: 'primary', text: 'Cấp mã'})), shown);
    const list = el('div', {});
    const redraw = async () => fill(list, tokenTable(listOf(await GET(R.tokens)), redraw));
    onSubmit(form, box, async fd => {
        const username = String(fd.get('username')).trim();
        if (!username) throw new ApiError(400, 'invalid', 'Cần nhập tên tài khoản.', 'username');
        const res = await POST(R.tokens, {username, label: String(fd.get('label')).trim() || undefined});
        fill(shown, el('p', {class: 'saved', text: 'Mã của ' + (res.username || username) + ' chỉ hiện một lần, hãy sao chép ngay:'}),
            el('code', {class: 'token', text: res.token || ''}));
        await redraw();
    });
    fill(list, tokenTable(listOf(r), redraw));
    fill(out, list, form);
}

function tokenTable(tokens, redraw) {
    return table(['Số', 'Tài khoản', 'Ghi chú', 'Cấp lúc', 'Trạng thái', 'Thao tác'],
        tokens.map(t => el('tr', {}, td(String(t.id)), td(t.username), td(t.label || ''), td(fmtDateTime(t.created_at)),
            td(t.revoked ? 'Đã thu hồi' : 'Đang dùng'),
            td(t.revoked ? '' : el('button', {type: 'button', class: 'link', text: 'Thu hồi', 'aria-label': 'Thu hồi mã số ' + t.id,
                onclick: () => adminAction('Thu hồi mã số ' + t.id + ' của ' + t.username + '? Hệ thống dùng mã này sẽ bị từ chối ngay.',
                    () => POST(R.tokens + '/' + t.id + '/revoke'), 'Đã thu hồi mã số ' + t.id + '.', redraw)}), 'no-print'))),
        {caption: 'Mã truy cập API (mã không bao giờ hiện lại)', empty: 'Chưa cấp mã nào.'});
}

async function adminAudit(out, q) {
    const offset = +(q.get('offset') || 0);
    const r = await GET(R.audit, {limit: 100, offset});
    const items = listOf(r);
    const js = v => (v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v, null, 1));
    fill(out, table(['Lúc', 'Người', 'Địa chỉ', 'Việc', 'Đối tượng', 'Trước / sau'],
        items.map(a => el('tr', {}, td(fmtDateTime(a.at)), td(a.actor || ''),
            td(a.address || ''), td(a.action || ''), td((a.object_kind || '') + (a.object_id ? ' #' + a.object_id : '')),
            td(a.before || a.after ? el('details', {}, el('summary', {text: 'Xem'}),
                el('pre', {text: 'Trước: ' + js(a.before) + '\nSau: ' + js(a.after)})) : ''))),
        {caption: 'Nhật ký thay đổi', empty: 'Chưa có thay đổi nào.'}),
    el('nav', {class: 'pager no-print'}, offset ? el('a', {href: '#/admin/audit?offset=' + Math.max(0, offset - 100), text: '‹ Mới hơn'}) : null, ' ',
        items.length === 100 ? el('a', {href: '#/admin/audit?offset=' + (offset + 100), text: 'Cũ hơn ›'}) : null));
}

/* ---------- Router ---------- */

const ROUTES = [
    [/^\/?$/, (m, q) => viewDashboard(q), 'dash'],
    [/^\/inbox$/, (m, q) => viewInbox(q), 'inbox'],
    [/^\/tasks$/, (m, q) => viewTasks(q), 'tasks'],
    [/^\/tasks\/(\d+)$/, (m, q) => viewTask(+m[1], q), 'tasks'],
    [/^\/meetings$/, (m, q) => viewMeetings(q), 'meetings'],
    [/^\/meetings\/new$/, () => viewMeetingNew(), 'meetings'],
    [/^\/meetings\/(\d+)$/, m => viewMeeting(+m[1]), 'meetings'],
    [/^\/documents$/, (m, q) => viewDocuments(q), 'documents'],
    [/^\/admin(?:\/(\w+))?$/, (m, q) => viewAdmin(m[1], q), 'admin'],
    [/^\/password$/, () => viewPassword(), ''],
    [/^\/search$/, (m, q) => viewSearch(q), 'search'],
];

let routeSeq = 0;
hooks.route = route;

async function route() {
    const seq = ++routeSeq;
    const h = location.hash.replace(/^#/, '') || '/';
    const [path, query] = h.split('?');
    const q = new URLSearchParams(query || '');
    if (path === '/login' || !S.user) {
        if (S.user) { location.hash = '#/'; return; }
        if (path !== '/login') sessionStorage.setItem('gb.after', location.hash || '#/');
        return viewLogin();
    }
    drawHeader();
    document.getElementById('nav').classList.remove('open');
    document.getElementById('menu-btn').setAttribute('aria-expanded', 'false');
    main().classList.remove('narrow');
    for (const [re, fn, nav] of ROUTES) {
        const m = re.exec(path);
        if (!m) continue;
        $$('#nav a').forEach(a => a.setAttribute('aria-current', a.dataset.nav === nav ? 'page' : 'false'));
        try {
            await fn(m, q);
        } catch (err) {
            console.error(err);
            if (seq === routeSeq) failPage(err);
        }
        if (seq === routeSeq && document.activeElement === document.body) main().focus({preventScroll: true});
        return;
    }
    failPage(new Error('Không có trang này.'));
}

async function start() {
    document.getElementById('logout').addEventListener('click', logout);
    const mb = document.getElementById('menu-btn');
    mb.addEventListener('click', () => {
        const nav = document.getElementById('nav');
        nav.classList.toggle('open');
        mb.setAttribute('aria-expanded', String(nav.classList.contains('open')));
    });
    window.addEventListener('hashchange', route);
    try {
        await loadSession();
        if (S.user) await afterLogin();
    } catch (err) {
        return failPage(err);
    }
    route();
}

start();

/*
 * web/app.js - the Giao Ban page: every screen a leader, the office, a unit
 * or an administrator uses, drawn from the JSON API under /api/v1.
 *
 * Plain modern JavaScript, no framework and no build step. The address after
 * '#' picks the screen (router at the end). Every piece of data reaches the
 * page through textContent or attributes set by el(): never innerHTML, so a
 * task named "<script>" shows as text. A form the server refuses keeps what
 * was typed, and the field the server names is marked. Dates are shown as
 * 07/9/2020, numbers as 1.297.314, rates as 126,1% (shared/DOMAIN.md).
 */
'use strict';

/* ---------- The API: every route in one place ---------- */

const API = '/api/v1';
const R = {
    session: API + '/session',
    password: API + '/session/password',
    summary: API + '/reports/summary',
    docCounts: API + '/reports/documents',
    units: API + '/units',
    people: API + '/people',
    meetings: API + '/meetings',
    documents: API + '/documents',
    tasks: API + '/tasks',
    accounts: API + '/accounts',
    tokens: API + '/tokens',
    audit: API + '/audit',
    search: API + '/search',
};

const S = {
    user: null,        /* {username, role, unit_id, unit_name, ...} */
    csrf: sessionStorage.getItem('gb.csrf') || '',
    units: [],         /* every unit, with fold keys */
    unitById: new Map(),
    unitsReady: null,  /* a promise: units loaded (the dashboard does not wait for it) */
};

class ApiError extends Error {
    constructor(status, code, message, field) {
        super(message);
        this.status = status;
        this.code = code;
        this.field = field || '';
    }
}

function qs(params) {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(params || {})) {
        if (v === undefined || v === null || v === '' || v === false) continue;
        p.set(k, v === true ? 'true' : String(v));
    }
    const s = p.toString();
    return s ? '?' + s : '';
}

let loginWaiters = null;

/* Call the API; a refused call throws ApiError with the server's Vietnamese message. A 401 in
 * the middle of work opens the login box over the page and retries, so nothing typed is lost. */
async function api(method, path, body, opts = {}) {
    const headers = {Accept: 'application/json'};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && S.csrf) headers['X-CSRF-Token'] = S.csrf;
    if (opts.ifMatch) headers['If-Match'] = '"' + opts.ifMatch + '"';
    let res;
    try {
        res = await fetch(path, {
            method, headers, credentials: 'same-origin',
            body: body === undefined ? undefined : JSON.stringify(body),
        });
    } catch (err) {
        throw new ApiError(0, 'network', 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.');
    }
    if (res.status === 401 && !opts.noRelogin && S.user) {
        await relogin();
        return api(method, path, body, {...opts, noRelogin: true});
    }
    if (res.status === 204) return null;
    let data = null;
    const text = await res.text();
    if (text) {
        try { data = JSON.parse(text); } catch (e) { data = null; }
    }
    if (!res.ok) {
        const er = (data && data.error) || {};
        throw new ApiError(res.status, er.code || 'http_' + res.status,
            er.message || defaultMessage(res.status), er.field);
    }
    return data;
}

function defaultMessage(status) {
    switch (status) {
    case 400: return 'Dữ liệu chưa hợp lệ.';
    case 401: return 'Cần đăng nhập.';
    case 403: return 'Tài khoản của bạn không có quyền làm việc này.';
    case 404: return 'Không tìm thấy.';
    case 409: return 'Dữ liệu vừa được người khác thay đổi. Tải lại trang để xem bản mới.';
    case 413: return 'Nội dung quá lớn.';
    default: return 'Máy chủ đang gặp lỗi (mã ' + status + '). Thử lại sau.';
    }
}

const GET = (path, params) => api('GET', path + qs(params));
const POST = (path, body, opts) => api('POST', path, body || {}, opts);

/* ---------- DOM helpers: data only through textContent and attributes ---------- */

function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
        if (v === undefined || v === null || v === false) continue;
        if (k === 'class') e.className = v;
        else if (k === 'text') e.textContent = v;
        else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
        else if (k === 'value') e.value = v;
        else if (k === 'checked') e.checked = !!v;
        else e.setAttribute(k, v === true ? '' : String(v));
    }
    append(e, kids);
    return e;
}

function append(e, kids) {
    for (const k of kids.flat(Infinity)) {
        if (k === null || k === undefined || k === false) continue;
        e.append(k instanceof Node ? k : document.createTextNode(String(k)));
    }
    return e;
}

const svgNS = 'http://www.w3.org/2000/svg';
function svg(tag, attrs, ...kids) {
    const e = document.createElementNS(svgNS, tag);
    for (const [k, v] of Object.entries(attrs || {})) {
        if (k === 'text') e.textContent = v;
        else e.setAttribute(k, String(v));
    }
    for (const k of kids.flat()) if (k) e.append(k);
    return e;
}

const $ = (sel, root = document) => root.querySelector(sel);
const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];
const main = () => document.getElementById('main');

function toast(msg) {
    const t = document.getElementById('toast');
    t.textContent = msg;
    t.classList.add('show');
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => t.classList.remove('show'), 4000);
}

/* ---------- Vietnamese formats ---------- */

const pad2 = n => String(n).padStart(2, '0');

/* "2020-09-07" -> "07/9/2020"; months 1 and 2 keep their zero (Nghị định 30/2020). */
function fmtDate(iso) {
    if (!iso) return '';
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
    if (!m) return String(iso);
    const mo = +m[2];
    return m[3] + '/' + (mo <= 2 ? pad2(mo) : mo) + '/' + m[1];
}

/* A recorded instant ("2026-11-24T14:18:35Z") as the clock in Hà Nội reads it: 24/11/2026 21:18. */
const hcmClock = new Intl.DateTimeFormat('en-CA', {timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit',
    day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23'});
function fmtDateTime(s) {
    if (!s) return '';
    if (/(Z|[+-]\d{2}:?\d{2})$/.test(s) && !Number.isNaN(Date.parse(s))) {
        const p = Object.fromEntries(hcmClock.formatToParts(new Date(s)).map(x => [x.type, x.value]));
        s = p.year + '-' + p.month + '-' + p.day + ' ' + p.hour + ':' + p.minute;
    }
    const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})/.exec(s);
    return m ? fmtDate(m[1]) + ' ' + m[2] + ':' + m[3] : fmtDate(s);
}

/* 1297314 -> "1.297.314" */
function fmtNum(n) {
    if (n === null || n === undefined || Number.isNaN(+n)) return '—';
    const v = Math.trunc(+n);
    return (v < 0 ? '-' : '') + String(Math.abs(v)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/* 1.261 -> "126,1%"; null -> "—" (no base: 0/0) */
function fmtPct(r) {
    if (r === null || r === undefined || r < 0) return '—';
    const tenths = Math.round(r * 1000);
    return Math.trunc(tenths / 10) + ',' + (tenths % 10) + '%';
}

/* Today in Asia/Ho_Chi_Minh, as YYYY-MM-DD, whatever the computer's time zone. */
function todayISO() {
    return new Intl.DateTimeFormat('en-CA', {timeZone: 'Asia/Ho_Chi_Minh'}).format(new Date());
}

function addDays(iso, n) {
    const d = new Date(iso + 'T00:00:00Z');
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
}

/*
 * A date as a clerk types it: "15/9" (this year, or defYear), "15/9/2020", "15-9-20",
 * "15.09.2020" or ISO. Returns "YYYY-MM-DD", "" for empty, null for nonsense.
 */
function parseDay(text, defYear) {
    const t = String(text || '').trim();
    if (!t) return '';
    let y, mo, d, m;
    if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t))) {
        y = +m[1]; mo = +m[2]; d = +m[3];
    } else if ((m = /^(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?:\s*[/.\-]\s*(\d{2}|\d{4}))?$/.exec(t))) {
        d = +m[1]; mo = +m[2];
        y = m[3] ? (m[3].length === 2 ? 2000 + +m[3] : +m[3]) : (defYear || +todayISO().slice(0, 4));
    } else {
        return null;
    }
    const dt = new Date(Date.UTC(y, mo - 1, d));
    if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
    return y + '-' + pad2(mo) + '-' + pad2(d);
}

/* Search key: no tone marks, no case, đ -> d ("Kế hoạch" -> "ke hoach"). */
function fold(s) {
    return String(s || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '')
        .replace(/[đĐ]/g, 'd').toLowerCase();
}

const CATEGORY = {
    done_before: ['Hoàn thành trước hạn', 'ok'],
    done_on_day: ['Hoàn thành đúng hạn', 'ok'],
    done_late: ['Hoàn thành quá hạn', 'late'],
    open_in_time: ['Chưa hoàn thành, trong hạn', 'open'],
    open_overdue: ['Quá hạn', 'over'],
    no_deadline_done: ['Thường xuyên, đã xong', 'ok'],
    no_deadline_open: ['Thường xuyên', 'open'],
    uncounted: ['Không tính', 'muted'],
};

const STATE = {
    not_started: 'Chưa thực hiện', in_progress: 'Đang thực hiện',
    awaiting_confirmation: 'Chờ xác nhận', done: 'Đã hoàn thành', paused: 'Tạm dừng',
    cancelled: 'Đã hủy', returned: 'Từ chối nhận',
};

const EVENT = {
    created: 'Giao nhiệm vụ', assign: 'Giao nhiệm vụ',
    progress: 'Báo cáo tiến độ', ext_request: 'Đề nghị gia hạn', ext_approve: 'Đồng ý gia hạn',
    ext_refuse: 'Không đồng ý gia hạn', done: 'Báo cáo hoàn thành', confirm: 'Xác nhận hoàn thành',
    reject: 'Từ chối xác nhận', return: 'Trả lại (không thuộc thẩm quyền)', pause: 'Tạm dừng',
    reopen: 'Mở lại', cancel: 'Hủy',
};

const ROLE = {
    admin: 'Quản trị', leader: 'Lãnh đạo', office: 'Văn phòng', unit: 'Đơn vị', viewer: 'Xem',
};

const MEETING_KIND = {
    giao_ban: 'Họp giao ban định kỳ', lam_viec: 'Buổi làm việc', kiem_tra: 'Kiểm tra', khac: 'Khác',
};

function categoryBadge(t) {
    let [label, cls] = CATEGORY[t.category] || [t.category || '', 'muted'];
    if (t.category === 'open_overdue') label = 'Quá hạn ' + fmtNum(t.days_overdue) + ' ngày';
    if (t.category === 'open_in_time' && t.due_soon) { label = 'Sắp đến hạn'; cls = 'soon'; }
    return el('span', {class: 'badge ' + cls, text: label});
}

/* ---------- Units: loaded once, matched without tone marks ---------- */

function initials(name) {
    return fold(name).split(/[\s\-–,.()]+/).filter(Boolean).map(w => w[0]).join('');
}

async function loadUnits(force) {
    if (S.units.length && !force) return S.units;
    const r = await GET(R.units);
    const items = Array.isArray(r) ? r : (r.items || []);
    S.units = items.map(u => ({
        ...u,
        fname: fold(u.name),
        fshort: fold(u.short_name),
        fcode: fold(u.code),
        finit: initials(u.name),
        falias: (u.aliases || []).map(fold),
    }));
    S.unitById = new Map(S.units.map(u => [u.id, u]));
    return S.units;
}

function unitName(id) {
    const u = S.unitById.get(id);
    return u ? u.name : (id ? '#' + id : '');
}

function isUnder(id, root) {
    for (let u = S.unitById.get(id), n = 0; u && n < 64; u = S.unitById.get(u.parent_id), n++)
        if (u.id === root) return true;
    return false;
}

/*
 * Rank units for what was typed: "tckh" finds "Phòng Tài chính - Kế hoạch" by its code or the
 * initials of its words, "tai chinh" by words, "ke hoach" without tone marks. Units under
 * `context` (the meeting's host, the account's unit) come first; closed units last.
 */
function matchUnits(text, context, limit = 8) {
    const q = fold(text).trim();
    if (!q) return [];
    const words = q.split(/[\s\-–,]+/).filter(Boolean);
    const compact = q.replace(/[\s.\-]/g, '');
    const out = [];
    for (const u of S.units) {
        let score = 0;
        if (u.fcode === q || u.fshort === q || u.falias.includes(q)) score = 100;
        else if (u.fcode.split('.').pop() === compact) score = 90;
        else if (u.fname.startsWith(q) || u.fshort.startsWith(q)) score = 80;
        else if (words.every(w => u.fname.includes(w) || u.fshort.includes(w) ||
                 u.falias.some(a => a.includes(w)))) score = 60;
        else if (compact.length >= 2 && u.finit.includes(compact)) score = 50;
        else if (compact.length >= 2 && u.fcode.replace(/\./g, '').includes(compact)) score = 40;
        if (!score) continue;
        if (context && isUnder(u.id, context)) score += 30;
        if (u.valid_to) score -= 45;
        out.push([score, u]);
    }
    out.sort((a, b) => b[0] - a[0] || a[1].name.length - b[1].name.length);
    return out.slice(0, limit).map(x => x[1]);
}

let pickerSeq = 0;
/* The open picker's list follows its input when the page scrolls (one listener for all). */
let openPickerPlace = null;
window.addEventListener('scroll', () => openPickerPlace && openPickerPlace(), true);
window.addEventListener('resize', () => openPickerPlace && openPickerPlace());

/*
 * A unit picker: a combobox with a list below it, driven by the keyboard (arrows, Enter or Tab
 * to take, Escape to close). On leaving the field, the best match is taken, so a clerk types
 * "tckh" and Tab. `multiple` keeps chosen units as removable chips. getValue() gives the id
 * (or ids); the input carries `name` so a server error naming the field marks it.
 */
function unitPicker({name, value, multiple, context, required, placeholder}) {
    const id = 'up' + (++pickerSeq);
    const listId = id + '-list';
    let chosen = multiple ? [...(value || [])] : (value || null);
    let items = [], active = -1;
    const input = el('input', {
        id, name, type: 'text', autocomplete: 'off', role: 'combobox', 'aria-autocomplete': 'list',
        'aria-expanded': 'false', 'aria-controls': listId, required: required && !multiple,
        placeholder: placeholder || 'Gõ tên, mã hoặc chữ đầu (vd. tckh)', class: 'unit-input',
    });
    const list = el('ul', {id: listId, role: 'listbox', class: 'unit-list', hidden: true});
    const chips = el('span', {class: 'chips'});
    const wrap = el('span', {class: 'picker'}, chips, input, list);
    const ctx = () => (typeof context === 'function' ? context() : context) || (S.user && S.user.unit_id);

    function showName() {
        if (!multiple) input.value = chosen ? unitName(chosen) : '';
        input.title = multiple ? '' : input.value;
    }
    function drawChips() {
        chips.replaceChildren(...(multiple ? chosen : []).map(uid => el('span', {class: 'chip'},
            unitName(uid),
            el('button', {type: 'button', class: 'chip-x', 'aria-label': 'Bỏ ' + unitName(uid),
                onclick: () => { chosen = chosen.filter(x => x !== uid); drawChips(); fire(); }}, '×'))));
    }
    function fire() { wrap.dispatchEvent(new Event('change', {bubbles: true})); }
    function close() {
        if (openPickerPlace === place) openPickerPlace = null;
        list.hidden = true; input.setAttribute('aria-expanded', 'false'); active = -1;
        input.removeAttribute('aria-activedescendant');
    }
    function draw() {
        list.replaceChildren(...items.map((u, i) => el('li', {
            id: listId + '-' + i, role: 'option', 'aria-selected': i === active ? 'true' : 'false',
            class: (i === active ? 'active' : '') + (u.valid_to ? ' closed' : ''),
            onmousedown: ev => { ev.preventDefault(); take(u); },
        }, u.name, u.valid_to ? ' (đã giải thể/sáp nhập)' : '', el('small', {text: ' ' + (u.code || '')}))));
        list.hidden = !items.length;
        openPickerPlace = items.length ? place : null;
        place();
        input.setAttribute('aria-expanded', items.length ? 'true' : 'false');
        if (active >= 0) input.setAttribute('aria-activedescendant', listId + '-' + active);
    }
    /* The list floats over everything (position: fixed under the input), so a table that
     * scrolls sideways on a phone does not clip it. */
    function place() {
        if (list.hidden) return;
        const r = input.getBoundingClientRect();
        list.style.left = Math.max(4, Math.min(r.left, window.innerWidth - 260)) + 'px';
        list.style.top = r.bottom + 2 + 'px';
        list.style.minWidth = Math.max(r.width, 240) + 'px';
        list.style.maxHeight = Math.max(120, window.innerHeight - r.bottom - 12) + 'px';
    }
    function take(u) {
        if (multiple) {
            if (!chosen.includes(u.id)) chosen.push(u.id);
            input.value = '';
            drawChips();
        } else {
            chosen = u.id;
            showName();
        }
        input.removeAttribute('aria-invalid');
        close();
        fire();
    }
    input.addEventListener('input', () => {
        if (!multiple) chosen = null;
        items = matchUnits(input.value, ctx());
        active = items.length ? 0 : -1;
        draw();
    });
    input.addEventListener('keydown', ev => {
        if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
            if (list.hidden) { items = matchUnits(input.value, ctx()); active = 0; draw(); ev.preventDefault(); return; }
            active = (active + (ev.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
            draw();
            ev.preventDefault();
        } else if (ev.key === 'Enter' && !list.hidden && active >= 0) {
            ev.preventDefault();
            take(items[active]);
        } else if (ev.key === 'Tab' && !list.hidden && active >= 0 && input.value.trim()) {
            take(items[active]);
        } else if (ev.key === 'Escape' && !list.hidden) {
            ev.preventDefault(); ev.stopPropagation(); close();
        } else if (ev.key === 'Backspace' && multiple && !input.value && chosen.length) {
            chosen.pop(); drawChips(); fire();
        }
    });
    input.addEventListener('blur', () => {
        if (input.value.trim() && (multiple || !chosen)) {
            const best = matchUnits(input.value, ctx(), 1)[0];
            if (best) take(best);
            else input.setAttribute('aria-invalid', 'true');
        } else if (!input.value.trim() && !multiple) {
            chosen = null;
        }
        close();
    });
    wrap.getValue = () => (multiple ? [...chosen] : chosen);
    wrap.setValue = v => { chosen = multiple ? [...(v || [])] : (v || null); showName(); drawChips(); };
    wrap.input = input;
    showName();
    drawChips();
    if (!S.units.length && S.unitsReady) S.unitsReady.then(() => { showName(); drawChips(); }, () => {});
    return {wrap, input};
}

/* A date field: types "15/9", shows "15/09/2020" back; getDay() gives ISO or throws. */
function dateInput(name, iso, opts = {}) {
    const input = el('input', {
        name, type: 'text', inputmode: 'numeric', autocomplete: 'off', class: 'date-input',
        placeholder: opts.placeholder || 'ngày/tháng/năm', value: iso ? fmtDate(iso) : '',
        required: opts.required, 'aria-describedby': opts.describedby,
    });
    input.addEventListener('blur', () => {
        const v = parseDay(input.value, opts.year && opts.year());
        if (v === null) input.setAttribute('aria-invalid', 'true');
        else { input.removeAttribute('aria-invalid'); if (v) input.value = fmtDate(v); }
    });
    input.getDay = () => {
        const v = parseDay(input.value, opts.year && opts.year());
        if (v === null) throw new ApiError(400, 'invalid',
            'Ngày "' + input.value + '" không hợp lệ: gõ dạng 15/9 hoặc 15/9/2020.', name);
        return v;
    };
    return input;
}

/* ---------- Forms: errors shown beside the form, typing kept ---------- */

function errorBox() {
    return el('div', {class: 'form-error', role: 'alert', hidden: true});
}

function showError(form, box, err) {
    const msg = err instanceof ApiError ? err.message : 'Lỗi: ' + (err && err.message);
    box.textContent = msg;
    box.hidden = false;
    $$('[aria-invalid="true"]', form).forEach(x => x.removeAttribute('aria-invalid'));
    if (err && err.field) {
        const f = form.querySelector('[name="' + CSS.escape(err.field) + '"]');
        if (f) { f.setAttribute('aria-invalid', 'true'); f.focus(); return; }
    }
    box.focus();
}

/* Run `fn` on submit; the button is disabled meanwhile; an error keeps every field as typed. */
function onSubmit(form, box, fn) {
    box.tabIndex = -1;
    form.addEventListener('submit', async ev => {
        ev.preventDefault();
        const btns = $$('button[type=submit]', form);
        btns.forEach(b => (b.disabled = true));
        box.hidden = true;
        try {
            await fn(new FormData(form));
        } catch (err) {
            if (!(err instanceof ApiError)) console.error(err);
            showError(form, box, err);
        } finally {
            btns.forEach(b => (b.disabled = false));
        }
    });
}

function field(label, control, hint) {
    const c = control.wrap || control;
    let id = (control.input || c).id;
    if (!id) { id = 'f' + (++pickerSeq); (control.input || c).id = id; }
    return el('div', {class: 'field'}, el('label', {for: id, text: label}), c,
        hint ? el('small', {class: 'hint', text: hint}) : null);
}

function textInput(name, value, attrs = {}) {
    return el('input', {name, type: 'text', value: value || '', ...attrs});
}

function page(title, ...kids) {
    document.title = title + ' — Giao Ban';
    const m = main();
    m.replaceChildren(el('h1', {text: title}));
    append(m, kids);
    return m;
}

function failPage(err) {
    page('Không mở được trang', el('p', {class: 'error', role: 'alert', text: err.message || String(err)}),
        el('p', {}, el('a', {href: '#/', text: 'Về trang tổng quan'})));
}

function can(...roles) {
    return S.user && roles.includes(S.user.role);
}

function listOf(r) {
    return Array.isArray(r) ? r : (r && r.items) || [];
}

function taskLink(t) {
    return el('a', {href: '#/tasks/' + t.id, text: t.content || ('Nhiệm vụ #' + t.id)});
}

function table(headers, rows, opts = {}) {
    return el('div', {class: 'table-wrap'}, el('table', {class: opts.class || ''},
        opts.caption ? el('caption', {text: opts.caption}) : null,
        el('thead', {}, el('tr', {}, headers.map(h => el('th', {scope: 'col', class: h.cls || '', text: h.label || h})))),
        el('tbody', {}, rows.length ? rows : el('tr', {}, el('td', {colspan: headers.length, class: 'empty',
            text: opts.empty || 'Không có dữ liệu.'})))));
}

function td(content, cls) {
    return el('td', {class: cls || ''}, content);
}

/* How the API names a unit in a query or a body: its code, or "#id" (app_unit_resolve). */
function unitRef(id) {
    const u = S.unitById.get(id);
    return u && u.code ? u.code : '#' + id;
}

/* ---------- Session ---------- */

function setSession(r) {
    const u = (r && (r.user || r.account)) || r || {};
    S.user = {
        ...u,
        unit_id: u.unit_id ?? (u.unit && u.unit.id) ?? null,
        unit_name: u.unit_name || (u.unit && u.unit.name) || '',
    };
    const c = r && (r.csrf_token || r.csrf);
    if (c) { S.csrf = c; sessionStorage.setItem('gb.csrf', c); }
}

async function loadSession() {
    try {
        setSession(await api('GET', R.session, undefined, {noRelogin: true}));
    } catch (err) {
        if (err.status === 401 || err.status === 404 || err.status === 403) S.user = null;
        else throw err;
    }
}

function loginForm(onDone, keepUser) {
    const box = errorBox();
    const user = el('input', {name: 'username', type: 'text', autocomplete: 'username', required: true,
        value: keepUser || '', autocapitalize: 'none', spellcheck: 'false'});
    const pass = el('input', {name: 'password', type: 'password', autocomplete: 'current-password', required: true});
    const form = el('form', {class: 'login-form', novalidate: true},
        box, field('Tên đăng nhập', user), field('Mật khẩu', pass),
        el('div', {class: 'actions'}, el('button', {type: 'submit', class: 'primary', text: 'Đăng nhập'})));
    onSubmit(form, box, async fd => {
        if (!fd.get('username') || !fd.get('password'))
            throw new ApiError(400, 'invalid', 'Nhập tên đăng nhập và mật khẩu.', fd.get('username') ? 'password' : 'username');
        const r = await api('POST', R.session, {username: fd.get('username'), password: fd.get('password')},
            {noRelogin: true});
        setSession(r);
        if (!S.user.username) S.user.username = fd.get('username');
        await onDone();
    });
    return form;
}

function viewLogin() {
    document.getElementById('top').hidden = true;
    const back = sessionStorage.getItem('gb.after') || '#/';
    const m = page('Đăng nhập',
        el('p', {class: 'lead', text: 'Theo dõi thực hiện kết luận giao ban và nhiệm vụ được giao.'}),
        loginForm(async () => {
            sessionStorage.removeItem('gb.after');
            await afterLogin();
            location.hash = back === '#/login' ? '#/' : back;
            route();
        }));
    m.classList.add('narrow');
    $('input[name=username]', m).focus();
}

/* The session ran out in the middle of work: log in over the page, keep it, retry. */
function relogin() {
    if (loginWaiters) return new Promise(r => loginWaiters.push(r));
    loginWaiters = [];
    return new Promise(resolve => {
        loginWaiters.push(resolve);
        const dlg = el('dialog', {class: 'relogin', 'aria-labelledby': 'relogin-h'},
            el('h2', {id: 'relogin-h', text: 'Phiên làm việc đã hết hạn'}),
            el('p', {text: 'Đăng nhập lại để tiếp tục; những gì bạn đang gõ vẫn được giữ.'}),
            loginForm(async () => {
                dlg.close(); dlg.remove();
                const w = loginWaiters; loginWaiters = null;
                w.forEach(f => f());
            }, S.user && S.user.username));
        dlg.addEventListener('cancel', ev => ev.preventDefault());
        document.body.append(dlg);
        dlg.showModal();
    });
}

/* Units load beside the first screen, not before it: the figures do not need them. */
async function afterLogin() {
    S.unitsReady = loadUnits(true);
    S.unitsReady.catch(err => toast(err.message));
    drawHeader();
}

function drawHeader() {
    const top = document.getElementById('top');
    top.hidden = !S.user;
    if (!S.user) return;
    const who = document.getElementById('who-name');
    who.textContent = (S.user.display_name || S.user.name || S.user.username || '') +
        ' · ' + (ROLE[S.user.role] || S.user.role || '');
    $$('[data-role]', top).forEach(a => (a.hidden = !can(...a.dataset.role.split(','))));
}

async function logout() {
    try { await api('DELETE', R.session, undefined, {noRelogin: true}); } catch (e) { /* gone already */ }
    S.user = null; S.csrf = '';
    sessionStorage.removeItem('gb.csrf');
    location.hash = '#/login';
    route();
}

function viewPassword() {
    const box = errorBox();
    const mk = (name, label, ac) => field(label, el('input', {name, type: 'password', autocomplete: ac, required: true}));
    const form = el('form', {novalidate: true}, box,
        mk('old_password', 'Mật khẩu hiện tại', 'current-password'),
        mk('new_password', 'Mật khẩu mới (ít nhất 10 ký tự)', 'new-password'),
        mk('repeat', 'Nhập lại mật khẩu mới', 'new-password'),
        el('div', {class: 'actions'}, el('button', {type: 'submit', class: 'primary', text: 'Đổi mật khẩu'})));
    onSubmit(form, box, async fd => {
        if (fd.get('new_password') !== fd.get('repeat'))
            throw new ApiError(400, 'invalid', 'Hai lần nhập mật khẩu mới không giống nhau.', 'repeat');
        if (String(fd.get('new_password')).length < 10)
            throw new ApiError(400, 'invalid', 'Mật khẩu mới cần ít nhất 10 ký tự.', 'new_password');
        try {
            await POST(R.password, {old_password: fd.get('old_password'), new_password: fd.get('new_password')});
        } catch (err) {
            if (err.status === 404 || err.status === 405)
                throw new ApiError(err.status, 'unsupported', 'Máy chủ này chưa cho đổi mật khẩu trên trang web; hãy nhờ quản trị viên đặt lại mật khẩu.');
            throw err;
        }
        form.reset();
        toast('Đã đổi mật khẩu.');
    });
    page('Đổi mật khẩu', el('p', {text: 'Tài khoản: ' + (S.user.username || '')}), form).classList.add('narrow');
}

/* ---------- Dashboard ---------- */

/* The figures of the summary, in reading order: key, label, CSS class, category filter. */
const FIGURES = [
    ['assigned', 'Tổng số nhiệm vụ', 'total', ''],
    ['done_on_time', 'Hoàn thành đúng hạn', 'ok', 'done_on_time'],
    ['done_late', 'Hoàn thành quá hạn', 'late', 'done_late'],
    ['open_in_time', 'Chưa xong, trong hạn', 'open', 'open_in_time'],
    ['open_overdue', 'Chưa xong, quá hạn', 'over', 'open_overdue'],
    ['no_deadline', 'Không thời hạn', 'muted', 'no_deadline'],
];

function filtersFromQuery(q) {
    return {
        unit: q.get('unit') ? +q.get('unit') : (S.user.unit_id || null),
        subtree: q.has('subtree') ? q.get('subtree') === '1' : true,
        by: q.get('by') ? +q.get('by') : null,
        as_of: q.get('as_of') || todayISO(),
        from: q.get('from') || '',
        to: q.get('to') || '',
        key: q.get('key') === '1',
    };
}

function filtersToHash(base, f, extra = {}) {
    const p = new URLSearchParams();
    if (f.unit) p.set('unit', f.unit);
    p.set('subtree', f.subtree ? '1' : '0');
    if (f.by) p.set('by', f.by);
    if (f.as_of) p.set('as_of', f.as_of);
    if (f.from) p.set('from', f.from);
    if (f.to) p.set('to', f.to);
    if (f.key) p.set('key', '1');
    for (const [k, v] of Object.entries(extra)) if (v) p.set(k, v);
    return base + '?' + p.toString();
}

function apiFilters(f) {
    return {
        unit: f.unit ? unitRef(f.unit) : '', subtree: f.subtree, by: f.by ? unitRef(f.by) : '',
        as_of: f.as_of, from: f.from, to: f.to, key: f.key,
    };
}

/* The filter bar shared by the dashboard and the task list. */
function filterBar(f, onApply, opts = {}) {
    const box = errorBox();
    const unit = unitPicker({name: 'unit', value: f.unit});
    const by = unitPicker({name: 'by', value: f.by, placeholder: 'Mọi đơn vị giao'});
    const asOf = dateInput('as_of', f.as_of);
    const from = dateInput('from', f.from, {placeholder: 'từ ngày'});
    const to = dateInput('to', f.to, {placeholder: 'đến ngày'});
    const sub = el('input', {type: 'checkbox', name: 'subtree', checked: f.subtree});
    const key = el('input', {type: 'checkbox', name: 'key', checked: f.key});
    const form = el('form', {class: 'filters no-print', role: 'search', novalidate: true},
        box,
        field('Đơn vị', unit), field('Đơn vị giao', by),
        field('Tính đến ngày', asOf),
        el('div', {class: 'field'}, el('span', {class: 'label', text: 'Giao trong kỳ'}),
            el('span', {class: 'range'}, from, '–', to, periodPicker(asOf, from, to))),
        opts.extra || null,
        el('div', {class: 'checks'},
            el('label', {}, sub, ' Cả đơn vị trực thuộc'),
            el('label', {}, key, ' Chỉ nhiệm vụ trọng tâm')),
        el('div', {class: 'actions'}, el('button', {type: 'submit', class: 'primary', text: 'Xem'})));
    onSubmit(form, box, async fd => {
        const nf = {
            unit: unit.wrap.getValue(), by: by.wrap.getValue(), subtree: sub.checked, key: key.checked,
            as_of: asOf.getDay() || todayISO(), from: from.getDay(), to: to.getDay(),
        };
        if (opts.read) Object.assign(nf, opts.read(fd));
        onApply(nf);
    });
    /* On a phone the filters fold away under one line, so the figures come first. */
    const fold = el('details', {class: 'filter-box no-print', open: window.innerWidth > 720},
        el('summary', {text: 'Bộ lọc'}), form);
    return fold;
}

/* Usual periods, counted back from the as-of day: this month, last month, the quarter,
 * the first half, the year. Choosing one fills the two dates. */
function periodPicker(asOf, from, to) {
    const sel = el('select', {'aria-label': 'Chọn nhanh kỳ', class: 'period'},
        [['', 'Chọn kỳ…'], ['month', 'Tháng này'], ['prev', 'Tháng trước'], ['quarter', 'Quý này'],
            ['half', '6 tháng đầu năm'], ['year', 'Cả năm'], ['all', 'Mọi thời gian']]
            .map(([v, l]) => el('option', {value: v, text: l})));
    sel.addEventListener('change', () => {
        const d = parseDay(asOf.value) || todayISO();
        const y = +d.slice(0, 4), m = +d.slice(5, 7);
        const iso = (yy, mm, dd) => yy + '-' + pad2(mm) + '-' + pad2(dd);
        const last = (yy, mm) => new Date(Date.UTC(yy, mm, 0)).getUTCDate();
        let f = '', t = '';
        if (sel.value === 'month') { f = iso(y, m, 1); t = iso(y, m, last(y, m)); }
        else if (sel.value === 'prev') { const py = m === 1 ? y - 1 : y, pm = m === 1 ? 12 : m - 1; f = iso(py, pm, 1); t = iso(py, pm, last(py, pm)); }
        else if (sel.value === 'quarter') { const q0 = m - (m - 1) % 3; f = iso(y, q0, 1); t = iso(y, q0 + 2, last(y, q0 + 2)); }
        else if (sel.value === 'half') { f = iso(y, 1, 1); t = iso(y, 6, 30); }
        else if (sel.value === 'year') { f = iso(y, 1, 1); t = iso(y, 12, 31); }
        if (!sel.value) return;
        from.value = f ? fmtDate(f) : '';
        to.value = t ? fmtDate(t) : '';
    });
    return sel;
}

function barChart(c, linkFor) {
    const bars = FIGURES.slice(1);
    const max = Math.max(1, ...bars.map(b => c[b[0]] || 0));
    const rowH = 30, labelW = 170, w = 520, h = bars.length * rowH + 8;
    const g = svg('svg', {viewBox: `0 0 ${w} ${h}`, class: 'chart', role: 'img',
        'aria-label': 'Biểu đồ số nhiệm vụ theo tình trạng'});
    bars.forEach(([k, label, cls, cat], i) => {
        const v = c[k] || 0;
        const bw = Math.round((w - labelW - 70) * v / max);
        const y = 4 + i * rowH;
        const a = svg('a', {href: linkFor(cat)});
        a.append(svg('text', {x: labelW - 8, y: y + 19, 'text-anchor': 'end', class: 'chart-label', text: label}),
            svg('rect', {x: labelW, y: y + 4, width: Math.max(bw, v ? 2 : 0), height: rowH - 10, class: 'bar ' + cls, rx: 3}),
            svg('text', {x: labelW + bw + 6, y: y + 19, class: 'chart-value', text: fmtNum(v)}));
        g.append(a);
    });
    return el('figure', {class: 'chart-box'}, g);
}

async function viewDashboard(q) {
    const f = filtersFromQuery(q);
    const linkFor = cat => filtersToHash('#/tasks', f, {category: cat});
    const bar = filterBar(f, nf => { location.hash = filtersToHash('#/', nf); });
    const figs = el('section', {class: 'figures', 'aria-label': 'Số liệu', 'aria-busy': 'true'},
        el('p', {class: 'loading', text: 'Đang tính số liệu…'}));
    const body = el('div', {class: 'dash-grid'});
    page('Tổng quan', bar, figs, body);
    const mark = performance.now();
    const p = apiFilters(f);
    let s;
    try {
        s = await GET(R.summary, p);
    } catch (err) {
        figs.replaceChildren(el('p', {class: 'error', role: 'alert', text: err.message}));
        return;
    }
    const c = s;
    const head = el('p', {class: 'as-of'},
        el('strong', {text: (s.unit && s.unit.name) || unitName(f.unit)}),
        f.subtree ? ' và các đơn vị trực thuộc' : '',
        ' — tính đến ngày ' + fmtDate(s.as_of || f.as_of),
        f.by ? '; nhiệm vụ do ' + unitName(f.by) + ' giao' : '',
        f.from || f.to ? '; giao từ ' + (fmtDate(f.from) || '…') + ' đến ' + (fmtDate(f.to) || '…') : '',
        f.key ? '; chỉ nhiệm vụ trọng tâm' : '');
    const cards = el('div', {class: 'cards'}, FIGURES.map(([k, label, cls, cat]) => el('a', {
        class: 'card ' + cls, href: cat ? linkFor(cat) : filtersToHash('#/tasks', f, {category: 'all'}),
        'data-figure': k,
    }, el('span', {class: 'num', text: fmtNum(c[k])}), el('span', {class: 'cap', text: label}),
        k === 'done_on_time' ? el('small', {text: 'trước hạn ' + fmtNum(c.done_before) + ', đúng hạn ' + fmtNum(c.done_on_day)}) : null,
        k === 'open_in_time' ? el('small', {text: 'sắp đến hạn (' + (s.soon_days ?? 3) + ' ngày): ' + fmtNum(c.due_soon)}) : null,
        k === 'no_deadline' ? el('small', {text: 'đã xong ' + fmtNum(c.no_deadline_done)}) : null)));
    const rate = c.on_time_rate || {};
    const rateEl = el('p', {class: 'rate'},
        el('span', {class: 'rate-num', 'data-figure': 'on_time_rate', text: rate.text || fmtPct(rate.value)}),
        ' đúng hạn ', el('small', {text: '= ' + (rate.formula || 'hoàn thành đúng hạn ÷ (đã hoàn thành + chưa xong quá hạn)')}),
        c.awaiting_confirmation ? el('span', {class: 'await',
            text: ' · ' + fmtNum(c.awaiting_confirmation) + ' việc chờ xác nhận hoàn thành'}) : null);
    figs.replaceChildren(head, cards, rateEl, barChart(c, linkFor));
    figs.setAttribute('aria-busy', 'false');
    figs.dataset.ms = String(Math.round(performance.now() - mark));
    window.gbFiguresShown = performance.now();

    /* Units ranked by overdue, or by on-time share. */
    const units = (s.by_unit || []).slice();
    const rankBox = el('section', {class: 'panel wide'});
    let sortBy = q.get('rank') === 'rate' ? 'rate' : 'overdue';
    let showAll = units.length <= 25;   /* a province has thousands of units: the top 20 first */
    const rateVal = u => (u.on_time_rate && u.on_time_rate.value != null ? u.on_time_rate.value : -1);
    function drawRank() {
        units.sort(sortBy === 'rate'
            ? (a, b) => rateVal(b) - rateVal(a) || b.assigned - a.assigned
            : (a, b) => b.open_overdue - a.open_overdue || rateVal(a) - rateVal(b));
        const toggle = el('div', {class: 'seg no-print', role: 'group', 'aria-label': 'Xếp hạng theo'},
            el('button', {type: 'button', 'aria-pressed': String(sortBy === 'overdue'), text: 'Nhiều quá hạn nhất',
                onclick: () => { sortBy = 'overdue'; drawRank(); }}),
            el('button', {type: 'button', 'aria-pressed': String(sortBy === 'rate'), text: 'Tỷ lệ đúng hạn cao nhất',
                onclick: () => { sortBy = 'rate'; drawRank(); }}));
        const unitF = u => ({...f, unit: u.unit.id, subtree: false});
        rankBox.replaceChildren(el('h2', {text: 'Xếp hạng đơn vị chủ trì'}), toggle,
            table([{label: '#', cls: 'num'}, 'Đơn vị', {label: 'Giao', cls: 'num'}, {label: 'Đúng hạn', cls: 'num'},
                {label: 'Quá hạn đã xong', cls: 'num'}, {label: 'Trong hạn', cls: 'num'},
                {label: 'Quá hạn', cls: 'num'}, {label: 'Tỷ lệ đúng hạn', cls: 'num'}],
            (showAll ? units : units.slice(0, 20)).map((u, i) => el('tr', {},
                td(String(i + 1), 'num'),
                td(el('a', {href: filtersToHash('#/', unitF(u)), text: u.unit.name})),
                td(el('a', {href: filtersToHash('#/tasks', unitF(u), {category: 'all'}), text: fmtNum(u.assigned)}), 'num'),
                td(fmtNum(u.done_on_time), 'num'), td(fmtNum(u.done_late), 'num'),
                td(fmtNum(u.open_in_time), 'num'),
                td(el('a', {href: filtersToHash('#/tasks', unitF(u), {category: 'open_overdue'}), class: u.open_overdue ? 'over-text' : '',
                    text: fmtNum(u.open_overdue)}), 'num'),
                td((u.on_time_rate && u.on_time_rate.text) || '—', 'num'))),
            {empty: 'Chưa có nhiệm vụ nào.', class: 'rank'}),
            showAll ? null : el('p', {class: 'no-print'}, el('button', {type: 'button', class: 'link',
                text: 'Xem cả ' + fmtNum(units.length) + ' đơn vị', onclick: () => { showAll = true; drawRank(); }})));
    }
    drawRank();

    const overdue = (s.overdue || []).slice(0, 15);
    const overBox = el('section', {class: 'panel'}, el('h2', {},
        'Nhiệm vụ quá hạn ', el('span', {class: 'count', text: '(' + fmtNum((s.overdue || []).length) + ')'})),
        table(['Nhiệm vụ', 'Đơn vị chủ trì', 'Hạn', {label: 'Số ngày quá hạn', cls: 'num'}],
            overdue.map(o => el('tr', {class: 'over-row'}, td(taskLink(o)), td(o.lead_unit ? o.lead_unit.name : ''),
                td(fmtDate(o.deadline)), td(fmtNum(o.days_overdue), 'num over-text'))),
            {empty: 'Không có nhiệm vụ quá hạn.'}),
        (s.overdue || []).length > overdue.length
            ? el('p', {}, el('a', {href: linkFor('open_overdue'), text: 'Xem tất cả ' + fmtNum(s.overdue.length) + ' nhiệm vụ quá hạn'}))
            : null);

    const soonBox = el('section', {class: 'panel'}, el('h2', {text: 'Đến hạn trong 7 ngày tới'}),
        el('p', {class: 'loading', text: 'Đang tải…'}));
    const meetBox = el('section', {class: 'panel'}, el('h2', {text: 'Cuộc họp gần đây'}),
        el('p', {class: 'loading', text: 'Đang tải…'}));
    body.replaceChildren(overBox, soonBox, rankBox, meetBox);

    const asOf = s.as_of || f.as_of;
    GET(R.tasks, {...p, category: 'open_in_time', deadline_from: asOf, deadline_to: addDays(asOf, 7), limit: 20})
        .then(r => {
            const items = listOf(r).sort((a, b) => (a.deadline_in_force || '').localeCompare(b.deadline_in_force || ''));
            soonBox.replaceChildren(soonBox.firstChild, table(['Nhiệm vụ', 'Đơn vị chủ trì', 'Hạn'],
                items.map(t => el('tr', {}, td(taskLink(t)), td(t.lead_unit ? t.lead_unit.name : ''),
                    td(fmtDate(t.deadline_in_force || t.deadline)))),
                {empty: 'Không có nhiệm vụ nào đến hạn trong 7 ngày.'}));
        })
        .catch(err => soonBox.replaceChildren(soonBox.firstChild, el('p', {class: 'error', text: err.message})));
    GET(R.meetings, {limit: 5, unit: p.unit, subtree: p.subtree})
        .then(r => {
            meetBox.replaceChildren(meetBox.firstChild, table(['Ngày', 'Cuộc họp'],
                listOf(r).slice(0, 5).map(m => el('tr', {}, td(fmtDate(m.date)),
                    td(el('a', {href: '#/meetings/' + m.id, text: m.title || MEETING_KIND[m.kind] || 'Cuộc họp'})))),
                {empty: 'Chưa có cuộc họp.'}));
        })
        .catch(err => meetBox.replaceChildren(meetBox.firstChild, el('p', {class: 'error', text: err.message})));
}

/* ---------- Tasks: list, page, actions ---------- */

const CATEGORY_FILTER = [
    ['', 'Mọi tình trạng'], ['open', 'Chưa hoàn thành'], ['open_overdue', 'Chưa xong, quá hạn'],
    ['open_in_time', 'Chưa xong, trong hạn'], ['due_soon', 'Sắp đến hạn'], ['done', 'Đã hoàn thành'],
    ['done_on_time', 'Hoàn thành đúng hạn'], ['done_before', 'Hoàn thành trước hạn'],
    ['done_on_day', 'Hoàn thành đúng ngày hạn'], ['done_late', 'Hoàn thành quá hạn'],
    ['no_deadline', 'Không thời hạn'],
];

function taskRows(items, opts = {}) {
    return items.map(t => {
        const over = t.category === 'open_overdue';
        const dl = t.deadline_in_force || t.deadline;
        return el('tr', {class: over ? 'over-row' : (t.due_soon ? 'soon-row' : '')},
            td(String(t.id), 'num'),
            td([taskLink(t), t.key_task ? el('span', {class: 'badge key', text: 'Trọng tâm'}) : null]),
            td(t.lead_unit ? t.lead_unit.name : ''),
            td([fmtDate(dl) || el('span', {class: 'muted', text: 'Thường xuyên'}),
                t.deadline && dl && dl !== t.deadline ? el('small', {class: 'orig', text: ' (hạn đầu ' + fmtDate(t.deadline) + ')'}) : null]),
            td(categoryBadge(t)),
            td([STATE[t.state] || t.state || '', t.awaiting_confirmation && t.state !== 'awaiting_confirmation'
                ? el('small', {text: ' · chờ xác nhận'}) : null]),
            opts.actions ? td(opts.actions(t), 'row-actions no-print') : null);
    });
}

const TASK_HEADERS = [{label: 'Số', cls: 'num'}, 'Nội dung', 'Đơn vị chủ trì', 'Hạn', 'Tình trạng', 'Trạng thái'];

async function viewTasks(q) {
    const f = filtersFromQuery(q);
    if (!q.has('as_of')) f.as_of = todayISO();
    const cat = q.get('category') === 'all' ? '' : (q.get('category') || '');
    const text = q.get('text') || '';
    const offset = +(q.get('offset') || 0);
    const catSel = el('select', {name: 'category'}, CATEGORY_FILTER.map(([v, l]) => el('option', {value: v, text: l, selected: v === cat})));
    const textIn = el('input', {name: 'text', type: 'search', value: text, placeholder: 'Từ khóa, không cần dấu'});
    const dlFrom = dateInput('deadline_from', q.get('deadline_from') || '', {placeholder: 'từ ngày'});
    const dlTo = dateInput('deadline_to', q.get('deadline_to') || '', {placeholder: 'đến ngày'});
    const extra = [field('Tìm', textIn), field('Tình trạng', catSel),
        el('div', {class: 'field'}, el('span', {class: 'label', text: 'Hạn trong khoảng'}), el('span', {class: 'range'}, dlFrom, '–', dlTo))];
    const bar = filterBar(f, nf => {
        location.hash = filtersToHash('#/tasks', nf, {
            category: catSel.value || 'all', text: textIn.value.trim(),
            deadline_from: dlFrom.getDay(), deadline_to: dlTo.getDay(),
        });
    }, {extra});
    const out = el('section', {'aria-live': 'polite'}, el('p', {class: 'loading', text: 'Đang tải…'}));
    page('Nhiệm vụ', bar, out);
    try {
        const r = await GET(R.tasks, {...apiFilters(f), category: cat, q: text,
            deadline_from: q.get('deadline_from') || '', deadline_to: q.get('deadline_to') || '', limit: 50, offset});
        const items = listOf(r);
        const total = r.total ?? items.length;
        const nav = el('nav', {class: 'pager no-print', 'aria-label': 'Trang'},
            offset > 0 ? el('a', {href: pageHash(q, offset - 50), text: '‹ Trang trước'}) : null,
            el('span', {text: total ? ' ' + fmtNum(offset + 1) + '–' + fmtNum(offset + items.length) + ' trong ' + fmtNum(total) + ' nhiệm vụ ' : ''}),
            offset + items.length < total ? el('a', {href: pageHash(q, offset + 50), text: 'Trang sau ›'}) : null);
        out.replaceChildren(el('p', {class: 'as-of', text: 'Tình trạng tính đến ngày ' + fmtDate(r.as_of || f.as_of)}),
            table(TASK_HEADERS, taskRows(items), {empty: 'Không có nhiệm vụ nào khớp bộ lọc.', class: 'tasks'}), nav);
    } catch (err) {
        out.replaceChildren(el('p', {class: 'error', role: 'alert', text: err.message}));
    }
}

function pageHash(q, offset) {
    const p = new URLSearchParams(q);
    p.set('offset', String(Math.max(0, offset)));
    return '#/tasks?' + p.toString();
}

/*
 * What an account may do with a task, by its role and the task's state. The server decides;
 * this only hides buttons that would surely be refused.
 */
function allowedActions(t, pendingExt) {
    const r = S.user.role;
    const working = t.state === 'not_started' || t.state === 'in_progress';
    const reporter = r === 'unit' || r === 'office' || r === 'admin';
    const manager = r === 'leader' || r === 'office' || r === 'admin';
    const approver = r === 'leader' || r === 'admin';
    const a = [];
    if (working && reporter) {
        a.push('progress');
        if (t.deadline && !pendingExt) a.push('ext_request');
        a.push('done');
    }
    if (pendingExt && approver) a.push('ext_approve', 'ext_refuse');
    if (t.state === 'awaiting_confirmation' && manager) a.push('confirm', 'reject');
    if (working && reporter) a.push('return');
    if (working && manager) a.push('pause');
    if (['done', 'paused', 'returned'].includes(t.state) && manager) a.push('reopen');
    if (t.state !== 'done' && t.state !== 'cancelled' && manager) a.push('cancel');
    if (working && (r === 'leader' || r === 'office' || r === 'admin')) a.push('split');
    return a;
}

const ACTION = {
    progress: {label: 'Báo cáo tiến độ', fields: ['percent', 'note'], note: 'Nội dung tiến độ'},
    ext_request: {label: 'Đề nghị gia hạn', fields: ['new_deadline', 'note'], note: 'Lý do', need: ['new_deadline', 'note']},
    ext_approve: {label: 'Đồng ý gia hạn', fields: ['new_deadline', 'note'], note: 'Ý kiến',
        hint: 'Để trống ngày để đồng ý đúng ngày đơn vị đề nghị.'},
    ext_refuse: {label: 'Không đồng ý gia hạn', fields: ['note'], note: 'Lý do', need: ['note']},
    done: {label: 'Báo cáo hoàn thành', fields: ['note', 'evidence'], note: 'Kết quả thực hiện', need: ['note']},
    confirm: {label: 'Xác nhận hoàn thành', fields: ['note'], note: 'Ý kiến'},
    reject: {label: 'Từ chối xác nhận', fields: ['note'], note: 'Lý do (đơn vị sẽ thực hiện lại)', need: ['note']},
    return: {label: 'Trả lại nhiệm vụ', fields: ['note'], note: 'Lý do (không thuộc thẩm quyền)', need: ['note']},
    pause: {label: 'Tạm dừng', fields: ['note'], note: 'Lý do'},
    reopen: {label: 'Mở lại', fields: ['note'], note: 'Lý do'},
    cancel: {label: 'Hủy nhiệm vụ', fields: ['note'], note: 'Lý do hủy', need: ['note'], danger: true},
    split: {label: 'Giao tiếp cho đơn vị khác'},
};

/* "Giao tiếp": a part of this task handed on to another unit, as a task of its own (parent_id). */
function openSplit(t, slot, onDone) {
    const box = errorBox();
    const content = el('textarea', {name: 'content', rows: 2, required: true});
    content.value = t.content || '';
    const lead = unitPicker({name: 'lead_unit', context: t.lead_unit && t.lead_unit.id, required: true});
    const dl = t.deadline_in_force || t.deadline;
    const deadline = dateInput('deadline', dl || '', {year: () => +(dl || todayISO()).slice(0, 4)});
    const form = el('form', {class: 'action-form', novalidate: true, 'data-form': 'split'},
        el('h3', {text: 'Giao tiếp cho đơn vị khác'}), box,
        field('Nội dung giao', content), field('Đơn vị chủ trì', lead), field('Hạn', deadline, 'Không muộn hơn hạn của nhiệm vụ gốc'),
        el('div', {class: 'actions'}, el('button', {type: 'submit', class: 'primary', text: 'Giao'}),
            el('button', {type: 'button', text: 'Đóng', onclick: () => slot.replaceChildren()})));
    onSubmit(form, box, async () => {
        if (!content.value.trim()) throw new ApiError(400, 'invalid', 'Cần nhập nội dung giao.', 'content');
        if (!lead.wrap.getValue()) throw new ApiError(400, 'invalid', 'Cần chọn đơn vị chủ trì.', 'lead_unit');
        const res = await POST(R.tasks, {content: content.value.trim(), lead_unit: lead.wrap.getValue(),
            assigned_by: t.lead_unit ? t.lead_unit.id : undefined, deadline: deadline.getDay() || undefined,
            parent_id: String(t.id), key_task: !!t.key_task});
        toast('Đã giao nhiệm vụ #' + res.id + '.');
        slot.replaceChildren();
        await onDone();
    });
    slot.replaceChildren(form);
    content.focus();
}

/* The route of each event: POST /tasks/{id}/<verb>, naming the version read (If-Match). */
const EVENT_VERB = {
    progress: 'progress', ext_request: 'extend', ext_approve: 'approve', ext_refuse: 'refuse', done: 'done',
    confirm: 'confirm', reject: 'reject', return: 'return', pause: 'pause', reopen: 'reopen', cancel: 'cancel',
};
function postEvent(t, kind, body) {
    return POST(R.tasks + '/' + t.id + '/' + EVENT_VERB[kind], body, {ifMatch: t.version});
}

/* The buttons of the allowed actions; each opens its small form in `slot`. */
function actionBar(t, pendingExt, slot, onDone, compact) {
    const acts = allowedActions(t, pendingExt);
    if (!acts.length) return null;
    const bar = el('div', {class: 'action-bar', role: 'group', 'aria-label': 'Thao tác'});
    for (const k of acts) {
        if (compact && !['progress', 'ext_request', 'done', 'confirm'].includes(k)) continue;
        bar.append(el('button', {type: 'button', class: ACTION[k].danger ? 'danger' : '', 'data-action': k,
            text: ACTION[k].label, onclick: () => openAction(t, k, pendingExt, slot, onDone)}));
    }
    return bar;
}

function openAction(t, kind, pendingExt, slot, onDone) {
    if (kind === 'split') return openSplit(t, slot, onDone);
    const A = ACTION[kind];
    const box = errorBox();
    const year = () => +(t.deadline || todayISO()).slice(0, 4);
    const ctl = {};
    const rows = [];
    rows.push(field('Ngày', ctl.date = dateInput('date', todayISO()), 'Mặc định hôm nay'));
    for (const k of A.fields) {
        if (k === 'percent') rows.push(field('Tỷ lệ hoàn thành (%)',
            ctl.percent = el('input', {name: 'percent', type: 'number', min: 0, max: 100, step: 1, inputmode: 'numeric'})));
        if (k === 'note') rows.push(field(A.note, ctl.note = el('textarea', {name: 'note', rows: 3, maxlength: 4000,
            required: (A.need || []).includes('note')})));
        if (k === 'new_deadline') rows.push(field(kind === 'ext_approve' ? 'Hạn mới' : 'Hạn đề nghị',
            ctl.new_deadline = dateInput('deadline', kind === 'ext_approve' ? pendingExt : '', {year}), A.hint));
        if (k === 'evidence') rows.push(field('Văn bản báo cáo (số hiệu trong sổ, nếu có)',
            ctl.evidence = el('input', {name: 'evidence_doc_id', type: 'text', inputmode: 'numeric'})));
    }
    const form = el('form', {class: 'action-form', novalidate: true, 'data-form': kind},
        el('h3', {text: A.label}), box, rows,
        el('div', {class: 'actions'},
            el('button', {type: 'submit', class: A.danger ? 'danger' : 'primary', text: A.label}),
            el('button', {type: 'button', text: 'Đóng', onclick: () => slot.replaceChildren()})));
    onSubmit(form, box, async () => {
        const body = {date: ctl.date.getDay() || todayISO()};
        if (ctl.note) {
            const v = ctl.note.value.trim();
            if (!v && (A.need || []).includes('note'))
                throw new ApiError(400, 'invalid', 'Cần nhập: ' + A.note.toLowerCase() + '.', 'note');
            if (v) body.note = v;
        }
        if (ctl.percent && ctl.percent.value !== '') body.percent = String(ctl.percent.value);
        if (ctl.new_deadline) {
            const d = ctl.new_deadline.getDay();
            if (!d && (A.need || []).includes('new_deadline'))
                throw new ApiError(400, 'invalid', 'Cần nhập hạn đề nghị.', 'deadline');
            if (d) body.deadline = d;
        }
        if (ctl.evidence && ctl.evidence.value.trim()) body.evidence_doc_id = ctl.evidence.value.trim().replace(/^#/, '');
        await postEvent(t, kind, body);
        toast('Đã ghi: ' + A.label.toLowerCase() + '.');
        slot.replaceChildren();
        await onDone();
    });
    slot.replaceChildren(form);
    (ctl.note && (A.need || []).includes('note') ? ctl.note : form.querySelector('input,textarea')).focus();
}

async function viewTask(id, q) {
    let v;
    try {
        await S.unitsReady;
        v = await GET(R.tasks + '/' + id, {as_of: q.get('as_of') || ''});
    } catch (err) {
        return failPage(err);
    }
    const t = v.task || v;
    const events = v.events || t.events || [];
    const pendingExt = v.pending_extension || t.pending_extension || null;
    const dl = t.deadline_in_force || t.deadline;
    const slot = el('div', {class: 'action-slot'});
    const reload = () => viewTask(id, q);
    let noticeEl = null;
    const dlItems = [
        ['Đơn vị chủ trì', t.lead_unit ? el('a', {href: '#/inbox?unit=' + t.lead_unit.id, text: t.lead_unit.name}) : ''],
        ['Đơn vị phối hợp', (t.coordinating || []).map(c => c.name || unitName(c.id || c)).join('; ') || '—'],
        ['Đơn vị giao', t.assigned_by ? t.assigned_by.name : '—'],
        ['Ngày giao', fmtDate(t.assigned)],
        ['Hạn ban đầu', t.deadline ? fmtDate(t.deadline) + (t.deadline_time ? ' trước ' + t.deadline_time : '') : 'Thường xuyên (không thời hạn)'],
        ['Hạn đang áp dụng', dl ? fmtDate(dl) : '—'],
        pendingExt ? ['Đang đề nghị gia hạn đến', fmtDate(pendingExt)] : null,
        ['Ngày hoàn thành', t.completed ? fmtDate(t.completed) : '—'],
        ['Tình trạng', categoryBadge(t)],
        ['Trạng thái', STATE[t.state] || t.state],
        t.meeting_id ? ['Cuộc họp', el('a', {href: '#/meetings/' + t.meeting_id, text: 'Cuộc họp #' + t.meeting_id})] : null,
        t.notice_id ? ['Thông báo kết luận', noticeEl = el('span', {text: 'Văn bản #' + t.notice_id})] : null,
        t.sector ? ['Lĩnh vực', t.sector] : null,
        t.parent_id ? ['Giao tiếp từ', el('a', {href: '#/tasks/' + t.parent_id, text: 'Nhiệm vụ #' + t.parent_id})] : null,
    ].filter(Boolean);
    const hist = table(['Ngày', 'Sự kiện', 'Người ghi', 'Nội dung', 'Ghi lúc'],
        events.map(e => el('tr', {},
            td(fmtDate(e.date)),
            td([EVENT[e.kind] || e.kind, e.late_request ? el('span', {class: 'badge over', text: 'Đề nghị sau khi quá hạn'}) : null]),
            td(e.actor || ''),
            td([e.note || '', e.percent != null ? el('span', {class: 'pct', text: ' (' + e.percent + '%)'}) : null,
                e.new_deadline ? el('span', {text: ' → hạn ' + fmtDate(e.new_deadline)}) : null,
                e.evidence_doc_id ? el('span', {text: ' · văn bản #' + e.evidence_doc_id}) : null]),
            td(fmtDateTime(e.recorded_at), 'muted'))),
        {empty: 'Chưa có sự kiện nào.', caption: 'Lịch sử'});
    page('Nhiệm vụ #' + t.id,
        el('p', {class: 'task-content', text: t.content}),
        t.key_task ? el('span', {class: 'badge key', text: 'Nhiệm vụ trọng tâm'}) : null,
        el('dl', {class: 'facts'}, dlItems.map(([k, val]) => [el('dt', {text: k}), el('dd', {}, val)])),
        actionBar(t, pendingExt, slot, reload), slot,
        el('section', {class: 'history'}, el('h2', {text: 'Lịch sử xử lý'}), hist));
    if (noticeEl) GET(R.documents + '/' + t.notice_id).then(d => {
        noticeEl.textContent = 'Số ' + (d.number || '') + (d.date ? ' ngày ' + fmtDate(d.date) : '') + (d.subject ? ': ' + d.subject : '');
    }).catch(() => {});
}

/* ---------- A unit's inbox ---------- */

async function viewInbox(q) {
    await S.unitsReady;
    const uid = q.get('unit') ? +q.get('unit') : S.user.unit_id;
    const picker = unitPicker({name: 'unit', value: uid});
    const box = errorBox();
    const form = el('form', {class: 'filters inline no-print', novalidate: true}, box, field('Đơn vị', picker),
        el('div', {class: 'actions'}, el('button', {type: 'submit', text: 'Xem'})));
    onSubmit(form, box, async () => { location.hash = '#/inbox?unit=' + (picker.wrap.getValue() || ''); });
    const out = el('section', {}, el('p', {class: 'loading', text: 'Đang tải…'}));
    page('Việc của đơn vị', can('unit') ? null : form, out);
    if (!uid) {
        out.replaceChildren(el('p', {text: 'Chọn một đơn vị để xem việc của đơn vị đó.'}));
        return;
    }
    let items;
    try {
        const r = await GET(R.tasks, {unit: unitRef(uid), category: 'open', limit: 500});
        items = listOf(r);
    } catch (err) {
        out.replaceChildren(el('p', {class: 'error', role: 'alert', text: err.message}));
        return;
    }
    const key = t => t.deadline_in_force || t.deadline || '9999';
    items.sort((a, b) => key(a).localeCompare(key(b)) || a.id - b.id);
    const over = items.filter(t => t.category === 'open_overdue').length;
    const soon = items.filter(t => t.due_soon).length;
    const rows = [];
    for (const t of items) {
        const slot = el('div', {class: 'action-slot'});
        const [row] = taskRows([t], {actions: x => actionBar(x, null, slot, () => viewInbox(q), true)});
        rows.push(row, el('tr', {class: 'slot-row'}, el('td', {colspan: 7}, slot)));
    }
    out.replaceChildren(
        el('p', {class: 'as-of'}, el('strong', {text: unitName(uid)}), ': ' + fmtNum(items.length) + ' việc chưa hoàn thành',
            over ? el('span', {class: 'over-text', text: ', ' + fmtNum(over) + ' quá hạn'}) : null,
            soon ? ', ' + fmtNum(soon) + ' sắp đến hạn' : '', '; hạn gần nhất trước.'),
        table([...TASK_HEADERS, {label: 'Thao tác', cls: 'no-print'}], rows,
            {empty: 'Đơn vị không còn việc nào chưa hoàn thành.', class: 'tasks inbox'}));
}

/* ---------- Meetings and notices ---------- */

async function viewMeetings(q) {
    const out = el('section', {}, el('p', {class: 'loading', text: 'Đang tải…'}));
    page('Cuộc họp', can('office', 'admin', 'leader')
        ? el('p', {class: 'no-print'}, el('a', {class: 'button primary', href: '#/meetings/new', text: 'Ghi cuộc họp mới'}))
        : null, out);
    const offset = +(q.get('offset') || 0);
    try {
        const r = await GET(R.meetings, {limit: 1000});
        const items = listOf(r);
        out.replaceChildren(table(['Ngày', 'Cuộc họp', 'Loại', 'Chủ trì', 'Kỳ đánh giá'],
            items.slice(offset, offset + 50).map(m => el('tr', {},
                td(fmtDate(m.date)),
                td(el('a', {href: '#/meetings/' + m.id, text: m.title || 'Cuộc họp #' + m.id})),
                td(MEETING_KIND[m.kind] || m.kind || ''),
                td(m.chair || ''),
                td(m.period_from || m.period_to ? fmtDate(m.period_from) + ' – ' + fmtDate(m.period_to) : ''))),
            {empty: 'Chưa có cuộc họp nào.'}),
        el('nav', {class: 'pager no-print'},
            offset > 0 ? el('a', {href: '#/meetings?offset=' + Math.max(0, offset - 50), text: '‹ Trang trước'}) : null, ' ',
            items.length > offset + 50 ? el('a', {href: '#/meetings?offset=' + (offset + 50), text: 'Trang sau ›'}) : null));
    } catch (err) {
        out.replaceChildren(el('p', {class: 'error', role: 'alert', text: err.message}));
    }
}

async function viewMeeting(id) {
    let m;
    try {
        await S.unitsReady;
        m = await GET(R.meetings + '/' + id);
    } catch (err) {
        return failPage(err);
    }
    m = m.meeting || m;
    const notices = m.notices || [];
    const tasksBox = el('section', {}, el('h2', {text: 'Nhiệm vụ giao tại cuộc họp'}), el('p', {class: 'loading', text: 'Đang tải…'}));
    page(m.title || 'Cuộc họp #' + m.id,
        el('dl', {class: 'facts'},
            el('dt', {text: 'Loại'}), el('dd', {text: MEETING_KIND[m.kind] || m.kind || ''}),
            el('dt', {text: 'Ngày họp'}), el('dd', {text: fmtDate(m.date)}),
            el('dt', {text: 'Chủ trì'}), el('dd', {text: m.chair || '—'}),
            el('dt', {text: 'Đơn vị chủ trì họp'}), el('dd', {text: unitName(m.host_unit_id) || '—'}),
            el('dt', {text: 'Kỳ đánh giá'}), el('dd', {text: m.period_from || m.period_to
                ? fmtDate(m.period_from) + ' – ' + fmtDate(m.period_to) : '—'}),
            el('dt', {text: 'Đơn vị dự họp'}), el('dd', {text: (m.attending || []).map(a => a.name || unitName(a.id ?? a)).join('; ') || '—'}),
            m.notes ? [el('dt', {text: 'Ghi chú'}), el('dd', {class: 'pre', text: m.notes})] : null),
        el('section', {}, el('h2', {text: 'Thông báo kết luận'}),
            table(['Số', 'Ngày', 'Trích yếu'], notices.map(d => el('tr', {}, td(d.number || ''), td(fmtDate(d.date)), td(d.subject || ''))),
                {empty: 'Chưa có thông báo kết luận.'})),
        tasksBox);
    try {
        const r = await GET(R.tasks, {meeting: id, limit: 500});
        tasksBox.replaceChildren(tasksBox.firstChild, table(TASK_HEADERS, taskRows(listOf(r)), {empty: 'Chưa giao nhiệm vụ nào.', class: 'tasks'}));
    } catch (err) {
        tasksBox.replaceChildren(tasksBox.firstChild, el('p', {class: 'error', text: err.message}));
    }
}

/*
 * Record a meeting, its conclusion notice and its tasks on one screen. Tasks are rows of a
 * table typed one after another: Enter in the last cell of a row opens the next row, the unit
 * cell matches without tone marks, dates are typed 15/9. Saving goes step by step (meeting,
 * notice, then each task); what the server accepted is marked and not sent again, what it
 * refused stays as typed with its message, so a refused row is fixed and saved again.
 */
async function viewMeetingNew() {
    await S.unitsReady;
    const box = errorBox();
    const saved = {meeting: null, notice: null};
    const kind = el('select', {name: 'kind'}, Object.entries(MEETING_KIND).map(([v, l]) => el('option', {value: v, text: l})));
    const title = textInput('title', '', {required: true, placeholder: 'Vd. Giao ban định kỳ tháng 9/2020'});
    const date = dateInput('date', todayISO(), {required: true});
    const year = () => { const d = parseDay(date.value); return d ? +d.slice(0, 4) : undefined; };
    const host = unitPicker({name: 'host_unit_id', value: S.user.unit_id, required: true});
    const chair = textInput('chair', '', {placeholder: 'Vd. Doãn Tiến Dũng, Chủ tịch UBND'});
    const attending = unitPicker({name: 'attending', multiple: true, context: () => host.wrap.getValue()});
    const pFrom = dateInput('period_from', '', {year, placeholder: 'từ ngày'});
    const pTo = dateInput('period_to', '', {year, placeholder: 'đến ngày'});
    const notes = el('textarea', {name: 'notes', rows: 2});
    const nNumber = textInput('number', '', {placeholder: 'Vd. 5/TB-UBND'});
    const nDate = dateInput('notice_date', '', {year, placeholder: 'ngày ban hành'});
    const nSubject = el('textarea', {name: 'subject', rows: 2, placeholder: 'Trích yếu / nội dung kết luận'});
    const tbody = el('tbody');
    const rowsState = [];

    function addRow(focus) {
        const r = {id: null};
        r.content = el('textarea', {name: 'content', rows: 2, 'aria-label': 'Nội dung nhiệm vụ', class: 'cell-content'});
        r.lead = unitPicker({name: 'lead_unit', context: () => host.wrap.getValue(), placeholder: 'vd. tckh'});
        r.lead.input.setAttribute('aria-label', 'Đơn vị chủ trì');
        r.coord = unitPicker({name: 'coordinating', multiple: true, context: () => host.wrap.getValue(), placeholder: 'phối hợp'});
        r.coord.input.setAttribute('aria-label', 'Đơn vị phối hợp');
        r.deadline = dateInput('deadline', '', {year, placeholder: '15/9 hoặc trống'});
        r.deadline.setAttribute('aria-label', 'Hạn hoàn thành');
        r.key = el('input', {type: 'checkbox', name: 'key_task', 'aria-label': 'Trọng tâm'});
        r.msg = el('div', {class: 'row-msg', role: 'alert'});
        r.tr = el('tr', {class: 'task-row'},
            el('td', {class: 'num', text: String(rowsState.length + 1)}),
            el('td', {'data-label': 'Nội dung'}, r.content, r.msg), el('td', {'data-label': 'Chủ trì'}, r.lead.wrap),
            el('td', {'data-label': 'Phối hợp'}, r.coord.wrap),
            el('td', {'data-label': 'Hạn'}, r.deadline), el('td', {class: 'center', 'data-label': 'Trọng tâm'}, r.key),
            el('td', {class: 'no-print'}, el('button', {type: 'button', class: 'link', 'aria-label': 'Bỏ dòng này',
                text: 'Bỏ', onclick: () => { if (r.id) return; r.tr.remove(); rowsState.splice(rowsState.indexOf(r), 1); }})));
        /* Enter in the last cell (the key box or the deadline) opens the next row. */
        const next = ev => {
            if (ev.key === 'Enter' && !ev.ctrlKey && !ev.shiftKey) {
                ev.preventDefault();
                if (rowsState[rowsState.length - 1] === r) addRow(true);
                else rowsState[rowsState.indexOf(r) + 1].content.focus();
            }
        };
        r.deadline.addEventListener('keydown', next);
        r.key.addEventListener('keydown', next);
        rowsState.push(r);
        tbody.append(r.tr);
        if (focus) r.content.focus();
        return r;
    }
    addRow(false);

    const form = el('form', {class: 'meeting-form', novalidate: true},
        box,
        el('fieldset', {}, el('legend', {text: 'Cuộc họp'}),
            el('div', {class: 'grid2'},
                field('Loại cuộc họp', kind), field('Tên cuộc họp', title),
                field('Ngày họp', date, 'Gõ 7/9 hoặc 07/9/2020'), field('Đơn vị tổ chức', host),
                field('Người chủ trì', chair), field('Đơn vị dự họp', attending),
                el('div', {class: 'field'}, el('span', {class: 'label', text: 'Kỳ đánh giá'}), el('span', {class: 'range'}, pFrom, '–', pTo)),
                field('Ghi chú', notes))),
        el('fieldset', {}, el('legend', {text: 'Thông báo kết luận'}),
            el('div', {class: 'grid2'}, field('Số', nNumber), field('Ngày', nDate), field('Trích yếu', nSubject))),
        el('fieldset', {}, el('legend', {text: 'Nhiệm vụ giao'}),
            el('p', {class: 'hint', text: 'Mỗi dòng một nhiệm vụ. Đơn vị: gõ tên không dấu hoặc chữ đầu (tckh, tai chinh), Tab để chọn. Hạn: 15/9 hoặc 15/9/2020, để trống nếu thường xuyên. Enter ở ô hạn để thêm dòng; Ctrl+Enter để lưu.'}),
            el('div', {class: 'table-wrap'}, el('table', {class: 'entry'},
                el('thead', {}, el('tr', {}, ['#', 'Nội dung nhiệm vụ', 'Chủ trì', 'Phối hợp', 'Hạn', 'Trọng tâm', ''].map(h => el('th', {scope: 'col', text: h})))),
                tbody)),
            el('button', {type: 'button', class: 'no-print', text: '+ Thêm dòng', onclick: () => addRow(true)})),
        el('div', {class: 'actions sticky'}, el('button', {type: 'submit', class: 'primary', text: 'Lưu cuộc họp và nhiệm vụ'}),
            el('a', {href: '#/meetings', text: 'Thôi'})));
    form.addEventListener('keydown', ev => {
        if (ev.key === 'Enter' && ev.ctrlKey) { ev.preventDefault(); form.requestSubmit(); }
    });
    onSubmit(form, box, async () => {
        const day = date.getDay();
        if (!title.value.trim()) throw new ApiError(400, 'invalid', 'Cần nhập tên cuộc họp.', 'title');
        if (!day) throw new ApiError(400, 'invalid', 'Cần nhập ngày họp.', 'date');
        const hostId = host.wrap.getValue();
        if (!hostId) throw new ApiError(400, 'invalid', 'Cần chọn đơn vị tổ chức cuộc họp.', 'host_unit_id');
        /* Check every row before sending anything. */
        const todo = rowsState.filter(r => !r.id && (r.content.value.trim() || r.lead.wrap.getValue()));
        for (const r of todo) {
            r.msg.textContent = '';
            if (!r.content.value.trim()) { r.msg.textContent = 'Thiếu nội dung.'; r.content.focus(); throw new ApiError(400, 'invalid', 'Có dòng nhiệm vụ thiếu nội dung.'); }
            if (!r.lead.wrap.getValue()) { r.msg.textContent = 'Chưa chọn đơn vị chủ trì.'; r.lead.input.focus(); throw new ApiError(400, 'invalid', 'Có dòng nhiệm vụ chưa chọn đơn vị chủ trì.'); }
            r.deadline.getDay();
        }
        if (!saved.meeting) {
            const res = await POST(R.meetings, {
                kind: kind.value, title: title.value.trim(), date: day, host_unit_id: hostId,
                chair: chair.value.trim() || undefined,
                attending: attending.wrap.getValue(),
                period_from: pFrom.getDay() || undefined, period_to: pTo.getDay() || undefined,
                notes: notes.value.trim() || undefined,
            });
            saved.meeting = res.id ?? (res.meeting && res.meeting.id);
            $$('fieldset', form)[0].disabled = true;
            $$('fieldset', form)[0].append(el('p', {class: 'saved', text: 'Đã lưu cuộc họp #' + saved.meeting + '.'}));
        }
        if (!saved.notice && nNumber.value.trim()) {
            const res = await POST(R.documents, {
                direction: 'out', unit_id: hostId, number: nNumber.value.trim(), type: 'TB',
                date: nDate.getDay() || day, subject: nSubject.value.trim() || 'Kết luận ' + title.value.trim(),
                meeting_id: String(saved.meeting),
            });
            saved.notice = res.id ?? (res.document && res.document.id);
            $$('fieldset', form)[1].disabled = true;
            $$('fieldset', form)[1].append(el('p', {class: 'saved', text: 'Đã vào sổ thông báo ' + nNumber.value.trim() + '.'}));
        }
        let failed = 0;
        for (const r of todo) {
            try {
                const dl = r.deadline.getDay();
                const res = await POST(R.tasks, {
                    content: r.content.value.trim(), lead_unit: r.lead.wrap.getValue(),
                    coordinating: r.coord.wrap.getValue().map(id => '#' + id), assigned_by: hostId,
                    assigned: nDate.getDay() || day, deadline: dl || undefined, key_task: r.key.checked,
                    meeting_id: String(saved.meeting), notice_id: saved.notice ? String(saved.notice) : undefined,
                });
                r.id = res.id ?? (res.task && res.task.id);
                r.tr.classList.add('saved-row');
                r.msg.replaceChildren('Đã giao: ', el('a', {href: '#/tasks/' + r.id, text: 'nhiệm vụ #' + r.id}));
                $$('textarea,input,button', r.tr).forEach(x => (x.disabled = true));
            } catch (err) {
                failed++;
                r.msg.textContent = err.message;
                r.tr.classList.add('error-row');
            }
        }
        if (failed) throw new ApiError(400, 'invalid', 'Đã lưu cuộc họp; ' + failed + ' dòng nhiệm vụ chưa lưu được, xem thông báo ở từng dòng, sửa rồi bấm Lưu lại.');
        toast('Đã lưu cuộc họp và ' + todo.length + ' nhiệm vụ.');
        location.hash = '#/meetings/' + saved.meeting;
    });
    page('Ghi cuộc họp mới', form);
    title.focus();
}

/* ---------- Documents register ---------- */

async function viewDocuments(q) {
    await S.unitsReady;
    const f = {
        unit: q.get('unit') ? +q.get('unit') : S.user.unit_id, subtree: q.get('subtree') !== '0',
        direction: q.get('direction') || '', from: q.get('from') || '', to: q.get('to') || '',
    };
    if (!q.has('from') && !q.has('to')) {
        /* Default period: the current month, as the seeds count ("tháng 8"). */
        const t = todayISO();
        f.from = t.slice(0, 8) + '01';
        f.to = t;
    }
    const box = errorBox();
    const unit = unitPicker({name: 'unit', value: f.unit});
    const dir = el('select', {name: 'direction'}, [['', 'Đến và đi'], ['in', 'Văn bản đến'], ['out', 'Văn bản đi']]
        .map(([v, l]) => el('option', {value: v, text: l, selected: v === f.direction})));
    const from = dateInput('from', f.from), to = dateInput('to', f.to);
    const sub = el('input', {type: 'checkbox', name: 'subtree', checked: f.subtree});
    const form = el('form', {class: 'filters no-print', novalidate: true}, box, field('Sổ của đơn vị', unit), field('Loại', dir),
        el('div', {class: 'field'}, el('span', {class: 'label', text: 'Trong kỳ'}), el('span', {class: 'range'}, from, '–', to)),
        el('div', {class: 'checks'}, el('label', {}, sub, ' Cả đơn vị trực thuộc')),
        el('div', {class: 'actions'}, el('button', {type: 'submit', class: 'primary', text: 'Xem'})));
    onSubmit(form, box, async () => {
        const p = new URLSearchParams({unit: unit.wrap.getValue() || '', direction: dir.value, from: from.getDay(),
            to: to.getDay(), subtree: sub.checked ? '1' : '0'});
        location.hash = '#/documents?' + p.toString();
    });
    const counts = el('section', {class: 'figures'}, el('p', {class: 'loading', text: 'Đang tải…'}));
    const list = el('section', {});
    const addSlot = el('div', {});
    page('Sổ văn bản', form, counts,
        can('office', 'admin', 'unit') ? el('p', {class: 'no-print'}, el('button', {type: 'button', text: 'Vào sổ văn bản',
            onclick: () => addSlot.replaceChildren(docForm(f.unit, () => viewDocuments(q)))})) : null, addSlot, list);
    const p = {unit: f.unit ? unitRef(f.unit) : '', subtree: f.subtree, from: f.from, to: f.to};
    GET(R.docCounts, p).then(c => {
        const types = Object.entries(c.outgoing_by_type || {});
        counts.replaceChildren(el('p', {class: 'as-of', text: 'Từ ' + (fmtDate(f.from) || '…') + ' đến ' + (fmtDate(f.to) || '…')}),
            el('div', {class: 'cards'},
                el('div', {class: 'card'}, el('span', {class: 'num', text: fmtNum(c.incoming)}), el('span', {class: 'cap', text: 'Văn bản đến'})),
                el('div', {class: 'card ok'}, el('span', {class: 'num', text: fmtNum(c.incoming_processed)}), el('span', {class: 'cap', text: 'Văn bản đến đã xử lý'})),
                el('div', {class: 'card'}, el('span', {class: 'num', text: fmtNum(c.outgoing)}), el('span', {class: 'cap', text: 'Văn bản đi (ban hành)'}),
                    types.length ? el('small', {text: types.map(([k, v]) => k + ' ' + fmtNum(v)).join(', ')}) : null)));
    }).catch(err => counts.replaceChildren(el('p', {class: 'error', text: err.message})));
    try {
        const r = await GET(R.documents, {...p, direction: f.direction, limit: 200});
        list.replaceChildren(table(['Sổ', 'Số, ký hiệu', 'Ngày', 'Loại', 'Cơ quan ban hành', 'Trích yếu', 'Hạn xử lý', 'Đã xử lý'],
            listOf(r).map(d => el('tr', {}, td(d.direction === 'in' ? 'Đến' : 'Đi'), td(d.number || ''), td(fmtDate(d.date)),
                td(d.type || ''), td(d.issuer || ''), td(d.subject || ''), td(fmtDate(d.deadline)), td(fmtDate(d.processed)))),
            {empty: 'Không có văn bản trong kỳ.'}));
    } catch (err) {
        list.replaceChildren(el('p', {class: 'error', role: 'alert', text: err.message}));
    }
}

function docForm(unitId, onDone) {
    const box = errorBox();
    const dir = el('select', {name: 'direction'}, el('option', {value: 'in', text: 'Văn bản đến'}), el('option', {value: 'out', text: 'Văn bản đi'}));
    const unit = unitPicker({name: 'unit_id', value: unitId});
    const number = textInput('number', '', {placeholder: 'Vd. 6202/UBND-KT'});
    const date = dateInput('date', todayISO());
    const issuer = textInput('issuer', '');
    const subject = el('textarea', {name: 'subject', rows: 2});
    const deadline = dateInput('deadline', '');
    const form = el('form', {class: 'doc-form', novalidate: true}, el('h2', {text: 'Vào sổ văn bản'}), box,
        el('div', {class: 'grid2'}, field('Loại sổ', dir), field('Sổ của đơn vị', unit), field('Số, ký hiệu', number),
            field('Ngày văn bản', date), field('Cơ quan ban hành', issuer), field('Trích yếu', subject), field('Hạn xử lý', deadline)),
        el('div', {class: 'actions'}, el('button', {type: 'submit', class: 'primary', text: 'Vào sổ'})));
    onSubmit(form, box, async () => {
        if (!number.value.trim()) throw new ApiError(400, 'invalid', 'Cần nhập số, ký hiệu văn bản.', 'number');
        if (!subject.value.trim()) throw new ApiError(400, 'invalid', 'Cần nhập trích yếu văn bản.', 'subject');
        await POST(R.documents, {direction: dir.value, unit_id: unit.wrap.getValue(), number: number.value.trim(),
            date: date.getDay() || todayISO(), issuer: issuer.value.trim() || undefined, subject: subject.value.trim(),
            deadline: deadline.getDay() || undefined});
        toast('Đã vào sổ văn bản ' + number.value.trim() + '.');
        await onDone();
    });
    return form;
}

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
        out.replaceChildren(table(['Loại', 'Ngày', 'Nội dung'], listOf(r).map(h => el('tr', {},
            td(HIT[h.kind] || h.kind), td(fmtDate(h.date)),
            td(href(h) ? el('a', {href: href(h), text: h.text || '#' + h.id}) : (h.text || '#' + h.id)))),
        {empty: 'Không tìm thấy kết quả nào.'}));
    } catch (err) {
        out.replaceChildren(el('p', {class: 'error', role: 'alert', text: err.message}));
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
        out.replaceChildren(el('p', {class: 'error', role: 'alert', text: err.message}));
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
    out.replaceChildren(el('h2', {text: 'Cây đơn vị'}), tree(0) || el('p', {text: 'Chưa có đơn vị.'}), form);
}

async function adminAccounts(out) {
    const r = await GET(R.accounts);
    const box = errorBox();
    const unit = unitPicker({name: 'unit_id'});
    const role = el('select', {name: 'role'}, Object.entries(ROLE).map(([v, l]) => el('option', {value: v, text: l, selected: v === 'unit'})));
    const form = el('form', {class: 'admin-form', novalidate: true}, el('h2', {text: 'Tạo tài khoản'}), box,
        el('div', {class: 'grid2'},
            field('Tên đăng nhập', textInput('username', '', {required: true, autocomplete: 'off'})),
            field('Vai trò', role), field('Đơn vị', unit),
            field('Mật khẩu ban đầu (ít nhất 10 ký tự)', el('input', {name: 'password', type: 'password', autocomplete: 'new-password'}))),
        el('div', {class: 'actions'}, el('button', {type: 'submit', class: 'primary', text: 'Tạo tài khoản'})));
    onSubmit(form, box, async fd => {
        if (!String(fd.get('username')).trim()) throw new ApiError(400, 'invalid', 'Cần nhập tên đăng nhập.', 'username');
        if (!unit.wrap.getValue()) throw new ApiError(400, 'invalid', 'Cần chọn đơn vị của tài khoản.', 'unit_id');
        await POST(R.accounts, {username: String(fd.get('username')).trim(), role: role.value,
            unit_id: unit.wrap.getValue(), password: fd.get('password')});
        toast('Đã tạo tài khoản.');
        await adminAccounts(out);
    });
    out.replaceChildren(table(['Tên đăng nhập', 'Vai trò', 'Đơn vị', 'Tạo lúc', 'Trạng thái'],
        listOf(r).map(a => el('tr', {}, td(a.username), td(ROLE[a.role] || a.role),
            td(a.unit ? a.unit.name : unitName(a.unit_id)), td(fmtDateTime(a.created_at)), td(a.disabled ? 'Đã khóa' : 'Đang dùng'))),
        {caption: 'Tài khoản'}), form);
}

async function adminTokens(out) {
    const box = errorBox();
    const shown = el('div', {});
    const form = el('form', {class: 'admin-form', novalidate: true}, el('h2', {text: 'Cấp mã truy cập cho hệ thống khác'}),
        el('p', {class: 'hint', text: 'Hệ thống khác gửi mã trong tiêu đề Authorization: Bearer …; mã có quyền của tài khoản được cấp.'}), box,
        el('div', {class: 'grid2'}, field('Tài khoản', textInput('username', '', {required: true})), field('Ghi chú', textInput('label', ''))),
        el('div', {class: 'actions'}, el('button', {type: 'submit', class: 'primary', text: 'Cấp mã'})), shown);
    onSubmit(form, box, async fd => {
        const username = String(fd.get('username')).trim();
        if (!username) throw new ApiError(400, 'invalid', 'Cần nhập tên tài khoản.', 'username');
        const res = await POST(R.tokens, {username, label: String(fd.get('label')).trim() || undefined});
        shown.replaceChildren(el('p', {class: 'saved', text: 'Mã của ' + (res.username || username) + ' chỉ hiện một lần, hãy sao chép ngay:'}),
            el('code', {class: 'token', text: res.token || ''}));
    });
    out.replaceChildren(form);
}

async function adminAudit(out, q) {
    const offset = +(q.get('offset') || 0);
    const r = await GET(R.audit, {limit: 100, offset});
    const items = listOf(r);
    const js = v => (v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v, null, 1));
    out.replaceChildren(table(['Lúc', 'Người', 'Địa chỉ', 'Việc', 'Đối tượng', 'Trước / sau'],
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

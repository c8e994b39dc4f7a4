/*
 * web/base.js - what every screen of the Giao Ban page stands on: the API client (every
 * route in one place; a refused call throws ApiError with the server's Vietnamese message;
 * a 401 in the middle of work opens the login box over the page and retries), the DOM
 * helper el() that puts data only through textContent and attributes (never innerHTML, so
 * a task named "<script>" shows as text), the Vietnamese formats (07/9/2020, 1.297.314,
 * 126,1%), dates typed as 15/9, the unit picker matching without tone marks, and forms
 * that keep what was typed when the server refuses them. The formats themselves, the
 * parsing of typed dates and the unit matcher are in format.js (no DOM).
 *
 * An ES module, like every script of the page (index.html loads app.js, which imports the
 * others); nothing is global.
 */
import {fmtDate, parseDay, categoryLabel, unitKeys, isUnder as underIn,
    matchUnits as rankUnits} from './format.js';

/* ---------- The API: every route in one place ---------- */

export const API = '/api/v1';
export const R = {
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

export const S = {
    user: null,        /* {username, role, unit_id, unit_name, ...} */
    csrf: sessionStorage.getItem('gb.csrf') || '',
    units: [],         /* every unit, with fold keys */
    unitById: new Map(),
    unitsReady: null,  /* a promise: units loaded (the dashboard does not wait for it) */
};

export class ApiError extends Error {
    constructor(status, code, message, field) {
        super(message);
        this.status = status;
        this.code = code;
        this.field = field || '';
    }
}

export function qs(params) {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(params || {})) {
        if (v === undefined || v === null || v === '' || v === false) continue;
        p.set(k, v === true ? 'true' : String(v));
    }
    const s = p.toString();
    return s ? '?' + s : '';
}

/* What other modules lend this one, set when they load: relogin (session.js) opens the login
 * box over the page, route (app.js) draws the screen of the address. */
export const hooks = {relogin: null, route: null};

/* Call the API; a refused call throws ApiError with the server's Vietnamese message. A 401 in
 * the middle of work opens the login box over the page and retries, so nothing typed is lost. */
export async function api(method, path, body, opts = {}) {
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
        await hooks.relogin();
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

export function defaultMessage(status) {
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

export const GET = (path, params) => api('GET', path + qs(params));
export const POST = (path, body, opts) => api('POST', path, body || {}, opts);

/* ---------- DOM helpers: data only through textContent and attributes ---------- */

export function el(tag, attrs, ...kids) {
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

/* Replace a node's children; like replaceChildren() but skipping null and false, as el() does. */
export function fill(node, ...kids) {
    node.replaceChildren();
    return append(node, kids);
}

export function append(e, kids) {
    for (const k of kids.flat(Infinity)) {
        if (k === null || k === undefined || k === false) continue;
        e.append(k instanceof Node ? k : document.createTextNode(String(k)));
    }
    return e;
}

const svgNS = 'http://www.w3.org/2000/svg';
export function svg(tag, attrs, ...kids) {
    const e = document.createElementNS(svgNS, tag);
    for (const [k, v] of Object.entries(attrs || {})) {
        if (k === 'text') e.textContent = v;
        else e.setAttribute(k, String(v));
    }
    for (const k of kids.flat()) if (k) e.append(k);
    return e;
}

export const $ = (sel, root = document) => root.querySelector(sel);
export const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];
export const main = () => document.getElementById('main');

export function toast(msg) {
    const t = document.getElementById('toast');
    t.textContent = msg;
    t.classList.add('show');
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => t.classList.remove('show'), 4000);
}

/* A task's category as a coloured badge ("Quá hạn 3 ngày"). */
export function categoryBadge(t) {
    const [label, cls] = categoryLabel(t);
    return el('span', {class: 'badge ' + cls, text: label});
}

/* ---------- Units: loaded once, matched without tone marks ---------- */

export async function loadUnits(force) {
    if (S.units.length && !force) return S.units;
    const r = await GET(R.units);
    const items = Array.isArray(r) ? r : (r.items || []);
    S.units = items.map(unitKeys);
    S.unitById = new Map(S.units.map(u => [u.id, u]));
    return S.units;
}

export function unitName(id) {
    const u = S.unitById.get(id);
    return u ? u.name : (id ? '#' + id : '');
}

export function isUnder(id, root) {
    return underIn(S.unitById, id, root);
}

/* The units for what was typed, best first (format.js matchUnits: code, initials, words
 * without tone marks; units under `context` first, closed units last). */
export function matchUnits(text, context, limit = 8) {
    return rankUnits(S.units, S.unitById, text, context, limit);
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
export function unitPicker({name, value, multiple, context, required, placeholder}) {
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
        fill(chips, ...(multiple ? chosen : []).map(uid => el('span', {class: 'chip'},
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
        fill(list, ...items.map((u, i) => el('li', {
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
export function dateInput(name, iso, opts = {}) {
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

export function errorBox() {
    return el('div', {class: 'form-error', role: 'alert', hidden: true});
}

export function showError(form, box, err) {
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
export function onSubmit(form, box, fn) {
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

export function field(label, control, hint) {
    const c = control.wrap || control;
    let id = (control.input || c).id;
    if (!id) { id = 'f' + (++pickerSeq); (control.input || c).id = id; }
    return el('div', {class: 'field'}, el('label', {for: id, text: label}), c,
        hint ? el('small', {class: 'hint', text: hint}) : null);
}

export function textInput(name, value, attrs = {}) {
    return el('input', {name, type: 'text', value: value || '', ...attrs});
}

export function page(title, ...kids) {
    document.title = title + ' — Giao Ban';
    const m = main();
    fill(m, el('h1', {text: title}));
    append(m, kids);
    return m;
}

export function failPage(err) {
    page('Không mở được trang', el('p', {class: 'error', role: 'alert', text: err.message || String(err)}),
        el('p', {}, el('a', {href: '#/', text: 'Về trang tổng quan'})));
}

export function can(...roles) {
    return S.user && roles.includes(S.user.role);
}

export function listOf(r) {
    return Array.isArray(r) ? r : (r && r.items) || [];
}

export function taskLink(t) {
    return el('a', {href: '#/tasks/' + t.id, text: t.content || ('Nhiệm vụ #' + t.id)});
}

export function table(headers, rows, opts = {}) {
    return el('div', {class: 'table-wrap'}, el('table', {class: opts.class || ''},
        opts.caption ? el('caption', {text: opts.caption}) : null,
        el('thead', {}, el('tr', {}, headers.map(h => el('th', {scope: 'col', class: h.cls || '', text: h.label || h})))),
        el('tbody', {}, rows.length ? rows : el('tr', {}, el('td', {colspan: headers.length, class: 'empty',
            text: opts.empty || 'Không có dữ liệu.'})))));
}

export function td(content, cls) {
    return el('td', {class: cls || ''}, content);
}

/* How the API names a unit in a query or a body: its code, or "#id" (app_unit_resolve). */
export function unitRef(id) {
    const u = S.unitById.get(id);
    return u && u.code ? u.code : '#' + id;
}

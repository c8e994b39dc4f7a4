/*
 * web/session.js - logging in and out, the login box over a page whose session ran out,
 * the header, and changing one's password. An ES module (see base.js).
 */
import {S, R, ApiError, api, POST, hooks, el, $, $$, toast, errorBox, field, onSubmit, page, can,
    loadUnits} from './base.js';
import {ROLE, setServerClock} from './format.js';

hooks.relogin = relogin;

/* ---------- Session ---------- */

export function setSession(r) {
    const u = (r && (r.user || r.account)) || r || {};
    S.user = {
        ...u,
        unit_id: u.unit_id ?? (u.unit && u.unit.id) ?? null,
        unit_name: u.unit_name || (u.unit && u.unit.name) || '',
    };
    const c = r && (r.csrf_token || r.csrf);
    if (c) { S.csrf = c; sessionStorage.setItem('gb.csrf', c); }
    if (r && r.today) setServerClock(r.today, r.server_time);
}

export async function loadSession() {
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

export function viewLogin() {
    document.getElementById('top').hidden = true;
    const back = sessionStorage.getItem('gb.after') || '#/';
    const m = page('Đăng nhập',
        el('p', {class: 'lead', text: 'Theo dõi thực hiện kết luận giao ban và nhiệm vụ được giao.'}),
        loginForm(async () => {
            sessionStorage.removeItem('gb.after');
            await afterLogin();
            location.hash = back === '#/login' ? '#/' : back;
            hooks.route();
        }));
    m.classList.add('narrow');
    $('input[name=username]', m).focus();
}

/* The session ran out in the middle of work: log in over the page, keep it, retry. */
let loginWaiters = null;
export function relogin() {
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
export async function afterLogin() {
    S.unitsReady = loadUnits(true);
    S.unitsReady.catch(err => toast(err.message));
    drawHeader();
}

export function drawHeader() {
    const top = document.getElementById('top');
    top.hidden = !S.user;
    if (!S.user) return;
    const who = document.getElementById('who-name');
    who.textContent = (S.user.display_name || S.user.name || S.user.username || '') +
        ' · ' + (ROLE[S.user.role] || S.user.role || '');
    $$('[data-role]', top).forEach(a => (a.hidden = !can(...a.dataset.role.split(','))));
}

export async function logout() {
    try { await api('DELETE', R.session, undefined, {noRelogin: true}); } catch (e) { /* gone already */ }
    S.user = null; S.csrf = '';
    sessionStorage.removeItem('gb.csrf');
    location.hash = '#/login';
    hooks.route();
}

export function viewPassword() {
    const box = errorBox();
    const mk = (name, label, ac) => field(label, el('input', {name, type: 'password', autocomplete: ac, required: true}));
    const form = el('form', {novalidate: true}, box,
        mk('old_password', 'Mật khẩu hiện tại', 'current-password'),
        mk('new_password', 'Mật khẩu mới (ít nhất 8 ký tự)', 'new-password'),
        mk('repeat', 'Nhập lại mật khẩu mới', 'new-password'),
        el('div', {class: 'actions'}, el('button', {type: 'submit', class: 'primary', text: 'Đổi mật khẩu'})));
    onSubmit(form, box, async fd => {
        if (fd.get('new_password') !== fd.get('repeat'))
            throw new ApiError(400, 'invalid', 'Hai lần nhập mật khẩu mới không giống nhau.', 'repeat');
        if (String(fd.get('new_password')).length < 8)
            throw new ApiError(400, 'invalid', 'Mật khẩu mới cần ít nhất 8 ký tự.', 'new_password');
        await POST(R.password, {old_password: fd.get('old_password'), new_password: fd.get('new_password')});
        form.reset();
        toast('Đã đổi mật khẩu. Các phiên đăng nhập khác của tài khoản đã kết thúc.');
    });
    page('Đổi mật khẩu', el('p', {text: 'Tài khoản: ' + (S.user.username || '')}), form).classList.add('narrow');
}

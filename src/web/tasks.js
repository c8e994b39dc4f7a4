/*
 * web/tasks.js - the task list with the API's filters, a task's page with its history and
 * the actions the account's role allows, and a unit's inbox ("Việc của đơn vị"). An ES
 * module (see base.js); which actions are offered is decided in rules.js.
 */
import {S, R, ApiError, GET, POST, el, fill, td, table, page, failPage, errorBox, field, onSubmit,
    unitPicker, dateInput, toast, can, listOf, taskLink, categoryBadge, unitName, unitRef} from './base.js';
import {fmtDate, fmtDateTime, fmtNum, todayISO, STATE, EVENT} from './format.js';
import {allowedActions, mayConfirm, ownLatest} from './rules.js';
import {filtersFromQuery, filtersToHash, apiFilters, filterBar} from './dashboard.js';

/* ---------- Tasks: list, page, actions ---------- */

const CATEGORY_FILTER = [
    ['', 'Mọi tình trạng'], ['open', 'Chưa hoàn thành'], ['open_overdue', 'Chưa xong, quá hạn'],
    ['open_in_time', 'Chưa xong, trong hạn'], ['due_soon', 'Sắp đến hạn'], ['done', 'Đã hoàn thành'],
    ['done_on_time', 'Hoàn thành đúng hạn'], ['done_before', 'Hoàn thành trước hạn'],
    ['done_on_day', 'Hoàn thành đúng ngày hạn'], ['done_late', 'Hoàn thành quá hạn'],
    ['no_deadline', 'Không thời hạn'], ['awaiting_confirmation', 'Chờ xác nhận hoàn thành'],
];

export function taskRows(items, opts = {}) {
    return items.map(t => {
        const over = t.category === 'open_overdue';
        const dl = t.deadline_in_force || t.deadline;
        return el('tr', {class: over ? 'over-row' : (t.due_soon ? 'soon-row' : '')},
            td(String(t.id), 'num'),
            td([taskLink(t), t.key_task ? el('span', {class: 'badge key', text: 'Trọng tâm'}) : null]),
            opts.noLead ? null : td(t.lead_unit ? t.lead_unit.name : ''),
            td([fmtDate(dl) || el('span', {class: 'muted', text: 'Thường xuyên'}),
                t.deadline && dl && dl !== t.deadline ? el('small', {class: 'orig', text: ' (hạn đầu ' + fmtDate(t.deadline) + ')'}) : null]),
            td(categoryBadge(t)),
            td([STATE[t.state] || t.state || '', t.awaiting_confirmation && t.state !== 'awaiting_confirmation'
                ? el('small', {text: ' · chờ xác nhận'}) : null]),
            opts.actions ? td(opts.actions(t), 'row-actions no-print') : null);
    });
}

export const TASK_HEADERS = [{label: 'Số', cls: 'num'}, 'Nội dung', 'Đơn vị chủ trì', 'Hạn', 'Tình trạng', 'Trạng thái'];

export async function viewTasks(q) {
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
        fill(out, el('p', {class: 'as-of', text: 'Tình trạng tính đến ngày ' + fmtDate(r.as_of || f.as_of)}),
            table(TASK_HEADERS, taskRows(items), {empty: 'Không có nhiệm vụ nào khớp bộ lọc.', class: 'tasks'}), nav);
    } catch (err) {
        fill(out, el('p', {class: 'error', role: 'alert', text: err.message}));
    }
}

function pageHash(q, offset) {
    const p = new URLSearchParams(q);
    p.set('offset', String(Math.max(0, offset)));
    return '#/tasks?' + p.toString();
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
            parent_id: t.id, key_task: !!t.key_task});
        toast('Đã giao nhiệm vụ #' + res.id + '.');
        slot.replaceChildren();
        await onDone();
    });
    fill(slot, form);
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
function actionBar(t, pendingExt, slot, onDone, compact, events) {
    const acts = allowedActions(t, pendingExt, events, S.user);
    if (!acts.length) return null;
    const bar = el('div', {class: 'action-bar', role: 'group', 'aria-label': 'Thao tác'});
    for (const k of acts) {
        if (compact && !['progress', 'ext_request', 'done', 'confirm'].includes(k)) continue;
        bar.append(el('button', {type: 'button', class: ACTION[k].danger ? 'danger' : '', 'data-action': k,
            text: ACTION[k].label, onclick: ev => compact && k === 'ext_request'
                ? requestExtension(t, ev.currentTarget, slot, onDone)
                : openAction(t, k, pendingExt, slot, onDone)}));
    }
    return bar;
}

/*
 * The inbox's list does not say whether an extension request is pending (only a task's own
 * history does), so its "Đề nghị gia hạn" reads the task first: a request already waiting is
 * said, and the button goes, instead of a second request the server would refuse.
 */
async function requestExtension(t, button, slot, onDone) {
    let v;
    button.disabled = true;   /* one read per click, however often it is clicked */
    try {
        v = await GET(R.tasks + '/' + t.id);
    } catch (err) {
        button.disabled = false;
        return openAction(t, 'ext_request', null, slot, onDone);
    }
    button.disabled = false;
    const now = v.task || v;
    const pending = v.pending_extension || now.pending_extension || null;
    if (!pending) return openAction(now, 'ext_request', null, slot, onDone);
    button.remove();
    fill(slot, el('p', {class: 'muted pending-ext',
        text: 'Đã đề nghị gia hạn đến ' + fmtDate(pending) + '; đang chờ lãnh đạo trả lời.'}));
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
        if (k === 'evidence') {
            /* The report document, chosen from the unit's register (its recent outgoing papers). */
            ctl.evidence = el('select', {name: 'evidence_doc_id'}, el('option', {value: '', text: '— không kèm văn bản —'}));
            rows.push(field('Văn bản báo cáo kết quả', ctl.evidence, 'Văn bản đi của đơn vị, đã vào sổ'));
            if (t.lead_unit) GET(R.documents, {unit: '#' + t.lead_unit.id, direction: 'out', limit: 50}).then(r => {
                for (const d of listOf(r)) ctl.evidence.append(el('option', {value: String(d.id),
                    text: (d.number || '#' + d.id) + (d.date ? ' ngày ' + fmtDate(d.date) : '') + (d.subject ? ' — ' + d.subject.slice(0, 60) : '')}));
            }).catch(() => {});
        }
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
        if (ctl.percent && ctl.percent.value !== '') body.percent = Number(ctl.percent.value);
        if (ctl.new_deadline) {
            const d = ctl.new_deadline.getDay();
            if (!d && (A.need || []).includes('new_deadline'))
                throw new ApiError(400, 'invalid', 'Cần nhập hạn đề nghị.', 'deadline');
            if (d) body.deadline = d;
        }
        if (ctl.evidence && ctl.evidence.value) body.evidence_doc_id = Number(ctl.evidence.value);
        await postEvent(t, kind, body);
        toast('Đã ghi: ' + A.label.toLowerCase() + '.');
        slot.replaceChildren();
        await onDone();
    });
    fill(slot, form);
    (ctl.note && (A.need || []).includes('note') ? ctl.note : form.querySelector('input,textarea')).focus();
}

export async function viewTask(id, q) {
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
        {empty: 'Chưa có sự kiện nào.'});
    page('Nhiệm vụ #' + t.id,
        el('p', {class: 'task-content', text: t.content}),
        t.key_task ? el('span', {class: 'badge key', text: 'Nhiệm vụ trọng tâm'}) : null,
        el('dl', {class: 'facts'}, dlItems.map(([k, val]) => [el('dt', {text: k}), el('dd', {}, val)])),
        actionBar(t, pendingExt, slot, reload, false, events), slot,
        el('section', {class: 'history'}, el('h2', {text: 'Lịch sử xử lý'}), hist));
    if (noticeEl) GET(R.documents + '/' + t.notice_id).then(d => {
        noticeEl.textContent = 'Số ' + (d.number || '') + (d.date ? ' ngày ' + fmtDate(d.date) : '') + (d.subject ? ': ' + d.subject : '');
    }).catch(() => {});
}

/* ---------- A unit's inbox ---------- */

export async function viewInbox(q) {
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
        fill(out, el('p', {text: 'Chọn một đơn vị để xem việc của đơn vị đó.'}));
        return;
    }
    let items;
    try {
        const r = await GET(R.tasks, {unit: unitRef(uid), category: 'open', limit: 500});
        items = listOf(r);
    } catch (err) {
        fill(out, el('p', {class: 'error', role: 'alert', text: err.message}));
        return;
    }
    const key = t => t.deadline_in_force || t.deadline || '9999';
    items.sort((a, b) => key(a).localeCompare(key(b)) || a.id - b.id);
    const over = items.filter(t => t.category === 'open_overdue').length;
    const soon = items.filter(t => t.due_soon).length;
    const rows = [];
    const awaiting = [];   /* rows whose "Xác nhận hoàn thành" waits for the task's history */
    const onDone = () => viewInbox(q);
    for (const t of items) {
        const slot = el('div', {class: 'action-slot'});
        const [row] = taskRows([t], {noLead: true, actions: x => actionBar(x, null, slot, onDone, true)});
        rows.push(row, el('tr', {class: 'slot-row'}, el('td', {colspan: 6}, slot)));
        if (mayConfirm(t, S.user)) {
            row.querySelector('td.row-actions').setAttribute('aria-busy', 'true');
            awaiting.push({t, row, slot});
        }
    }
    fill(out, 
        el('p', {class: 'as-of'}, el('strong', {text: unitName(uid)}), ': ' + fmtNum(items.length) + ' việc chưa hoàn thành',
            over ? el('span', {class: 'over-text', text: ', ' + fmtNum(over) + ' quá hạn'}) : null,
            soon ? ', ' + fmtNum(soon) + ' sắp đến hạn' : '', '; xếp theo thời hạn, hạn gần nhất lên trước.'),
        table([...TASK_HEADERS.filter(h => h !== 'Đơn vị chủ trì'), {label: 'Thao tác', cls: 'no-print'}], rows,
            {empty: 'Đơn vị không còn việc nào chưa hoàn thành.', class: 'tasks inbox'}));
    offerConfirm(awaiting, onDone);
}

/*
 * The list does not say who reported a completion, and the server refuses to let that account
 * confirm it (403 "actor"). So a row's compact bar offers "Xác nhận hoàn thành" only once the
 * task's history, read here after the list is drawn (four tasks at a time, only those awaiting
 * confirmation), shows that another account made the latest report; where the account made it
 * itself, the row says that someone else has to confirm. The bar is then drawn from the task
 * as read now (its current version). A history that cannot be read leaves the row without the
 * button; the task's own page still offers it.
 */
async function offerConfirm(awaiting, onDone) {
    let next = 0;
    const one = async ({t, row, slot}) => {
        const cell = row.querySelector('td.row-actions');
        try {
            const v = await GET(R.tasks + '/' + t.id);
            const now = v.task || v;
            const events = v.events || now.events || [];
            const own = ownLatest(events, 'done', S.user.username);
            fill(cell, actionBar(now, null, slot, onDone, true, events),
                own && now.state === 'awaiting_confirmation'
                    ? el('small', {class: 'muted own-report', text: 'Bạn đã báo cáo hoàn thành; cần người khác xác nhận.'})
                    : null);
        } catch (err) {
            /* the row keeps its bar without the button */
        }
        cell.setAttribute('aria-busy', 'false');
    };
    const worker = async () => {
        while (next < awaiting.length) {
            const a = awaiting[next++];
            if (!a.row.isConnected) return;   /* the inbox was drawn again meanwhile */
            await one(a);
        }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
}

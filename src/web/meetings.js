/*
 * web/meetings.js - meetings, their conclusion notices and the quick table-like entry of
 * their tasks (typed, or proposed from a pasted notice by /api/v1/extract); the documents
 * register with its counts for a period. An ES module (see base.js).
 */
import {S, R, API, ApiError, GET, POST, el, fill, td, table, page, failPage, errorBox, showError, field,
    onSubmit, unitPicker, dateInput, textInput, toast, can, listOf, unitName, unitRef, $, $$} from './base.js';
import {fmtDate, fmtNum, todayISO, parseDay, byteToChar, MEETING_KIND} from './format.js';
import {taskRows, TASK_HEADERS} from './tasks.js';

/* ---------- Meetings and notices ---------- */

export async function viewMeetings(q) {
    const out = el('section', {}, el('p', {class: 'loading', text: 'Đang tải…'}));
    page('Cuộc họp', can('office', 'admin', 'leader')
        ? el('p', {class: 'no-print'}, el('a', {class: 'button primary', href: '#/meetings/new', text: 'Ghi cuộc họp mới'}))
        : null, out);
    const offset = +(q.get('offset') || 0);
    try {
        const r = await GET(R.meetings, {limit: 1000});
        const items = listOf(r);
        fill(out, table(['Ngày', 'Cuộc họp', 'Loại', 'Chủ trì', 'Kỳ đánh giá'],
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
        fill(out, el('p', {class: 'error', role: 'alert', text: err.message}));
    }
}

export async function viewMeeting(id) {
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
        can('office', 'admin', 'leader') ? pasteNotice(m, notices, () => viewMeeting(id)) : null,
        tasksBox);
    try {
        const r = await GET(R.tasks, {meeting: id, limit: 500});
        fill(tasksBox, tasksBox.firstChild, table(TASK_HEADERS, taskRows(listOf(r)), {empty: 'Chưa giao nhiệm vụ nào.', class: 'tasks'}));
    } catch (err) {
        fill(tasksBox, tasksBox.firstChild, el('p', {class: 'error', text: err.message}));
    }
}

/*
 * The table-like task entry: one row per task (content, lead unit, coordinating units,
 * deadline typed 15/9, key-task flag); Enter in the last cell of a row opens the next row.
 * With `keep`, each row starts with a box to keep or drop it (proposals read from a notice).
 * addRow(focus, init) prefills a row from init {content, lead, coordinating, deadline}.
 */
function taskEntry({context, year, keep}) {
    const tbody = el('tbody');
    const rows = [];
    function addRow(focus, init = {}) {
        const r = {id: null};
        r.content = el('textarea', {name: 'content', rows: 2, 'aria-label': 'Nội dung nhiệm vụ', class: 'cell-content', value: init.content});
        r.lead = unitPicker({name: 'lead_unit', value: init.lead, context, placeholder: 'vd. tckh'});
        r.lead.input.setAttribute('aria-label', 'Đơn vị chủ trì');
        r.coord = unitPicker({name: 'coordinating', value: init.coordinating, multiple: true, context, placeholder: 'phối hợp'});
        r.coord.input.setAttribute('aria-label', 'Đơn vị phối hợp');
        r.deadline = dateInput('deadline', init.deadline, {year, placeholder: '15/9 hoặc trống'});
        r.deadline.setAttribute('aria-label', 'Hạn hoàn thành');
        r.key = el('input', {type: 'checkbox', name: 'key_task', 'aria-label': 'Trọng tâm'});
        r.keep = keep ? el('input', {type: 'checkbox', name: 'keep', checked: true, 'aria-label': 'Giữ nhiệm vụ này'}) : null;
        r.msg = el('div', {class: 'row-msg', role: 'alert'});
        r.note = el('div', {class: 'row-note'});
        r.tr = el('tr', {class: 'task-row'},
            keep ? el('td', {class: 'center', 'data-label': 'Giữ'}, r.keep) : null,
            el('td', {class: 'num', text: String(rows.length + 1)}),
            el('td', {'data-label': 'Nội dung'}, r.content, r.note, r.msg), el('td', {'data-label': 'Chủ trì'}, r.lead.wrap),
            el('td', {'data-label': 'Phối hợp'}, r.coord.wrap),
            el('td', {'data-label': 'Hạn'}, r.deadline), el('td', {class: 'center', 'data-label': 'Trọng tâm'}, r.key),
            el('td', {class: 'no-print'}, el('button', {type: 'button', class: 'link', 'aria-label': 'Bỏ dòng này',
                text: 'Bỏ', onclick: () => { if (r.id) return; r.tr.remove(); rows.splice(rows.indexOf(r), 1); }})));
        if (keep) r.keep.addEventListener('change', () => r.tr.classList.toggle('dropped', !r.keep.checked));
        /* Enter in the last cell (the key box or the deadline) opens the next row. */
        const next = ev => {
            if (ev.key === 'Enter' && !ev.ctrlKey && !ev.shiftKey) {
                ev.preventDefault();
                if (rows[rows.length - 1] === r) addRow(true);
                else rows[rows.indexOf(r) + 1].content.focus();
            }
        };
        r.deadline.addEventListener('keydown', next);
        r.key.addEventListener('keydown', next);
        rows.push(r);
        tbody.append(r.tr);
        if (focus) r.content.focus();
        return r;
    }
    const heads = [keep ? 'Giữ' : null, '#', 'Nội dung nhiệm vụ', 'Chủ trì', 'Phối hợp', 'Hạn', 'Trọng tâm', ''].filter(h => h !== null);
    const tableEl = () => el('div', {class: 'table-wrap'}, el('table', {class: 'entry'},
        el('thead', {}, el('tr', {}, heads.map(h => el('th', {scope: 'col', text: h})))), tbody));
    return {tbody, rows, addRow, table: tableEl};
}

/* Every row needs content and a lead unit; a bad deadline throws naming the field. */
function checkTaskRows(todo) {
    for (const r of todo) {
        r.msg.textContent = '';
        if (!r.content.value.trim()) { r.msg.textContent = 'Thiếu nội dung.'; r.content.focus(); throw new ApiError(400, 'invalid', 'Có dòng nhiệm vụ thiếu nội dung.'); }
        if (!r.lead.wrap.getValue()) { r.msg.textContent = 'Chưa chọn đơn vị chủ trì.'; r.lead.input.focus(); throw new ApiError(400, 'invalid', 'Có dòng nhiệm vụ chưa chọn đơn vị chủ trì.'); }
        r.deadline.getDay();
    }
}

/* Create each row as a task (common: assigned_by, assigned, meeting_id, notice_id). What the
 * server accepted is marked and locked; a refused row keeps its typing and shows why.
 * Returns the number of rows refused. */
async function saveTaskRows(todo, common) {
    let failed = 0;
    for (const r of todo) {
        try {
            const dl = r.deadline.getDay();
            const res = await POST(R.tasks, {
                ...common, content: r.content.value.trim(), lead_unit: r.lead.wrap.getValue(),
                coordinating: r.coord.wrap.getValue(), deadline: dl || undefined, key_task: r.key.checked,
            });
            r.id = res.id ?? (res.task && res.task.id);
            r.tr.classList.remove('error-row');
            r.tr.classList.add('saved-row');
            fill(r.msg, 'Đã giao: ', el('a', {href: '#/tasks/' + r.id, text: 'nhiệm vụ #' + r.id}));
            $$('textarea,input,button', r.tr).forEach(x => (x.disabled = true));
        } catch (err) {
            failed++;
            r.msg.textContent = err.message;
            r.tr.classList.add('error-row');
        }
    }
    return failed;
}

/*
 * Paste the conclusion notice: POST /api/v1/extract reads it (the meeting's day, its host
 * unit), the proposals fill the task entry table with a keep box each, the focused row's
 * source is marked in the text, and "Tạo các nhiệm vụ" creates the kept rows as tasks of
 * the notice. Evidence spans are [start, length] in bytes of the text as the server read it
 * (UTF-8, NFC, blanks trimmed), so the page sends that very text and converts the offsets.
 */
function pasteNotice(m, notices, onDone) {
    const box = errorBox();
    const text = el('textarea', {name: 'text', rows: 6, 'aria-label': 'Văn bản thông báo kết luận',
        placeholder: 'Dán phần kết luận của thông báo vào đây'});
    const noticeSel = el('select', {name: 'notice'}, notices.map(d => el('option', {value: d.id,
        text: (d.number || 'Thông báo #' + d.id) + (d.date ? ' ngày ' + fmtDate(d.date) : '')})));
    const out = el('div', {class: 'proposals'});
    const read = el('button', {type: 'button', text: 'Đọc thông báo'});
    const form = el('form', {class: 'paste-form no-print', novalidate: true},
        el('h2', {text: 'Dán thông báo kết luận'}), box,
        el('p', {class: 'hint', text: 'Dán văn bản kết luận; máy đề xuất các nhiệm vụ (ngày họp ' + fmtDate(m.date) +
            ', đơn vị giao: ' + (unitName(m.host_unit_id) || '—') + '). Xem lại từng dòng, bỏ dấu ở ô "Giữ" để bỏ, rồi bấm "Tạo các nhiệm vụ".'}),
        text, notices.length ? field('Giao theo thông báo', noticeSel) : null,
        el('div', {class: 'actions'}, read), out);
    let entry = null, sent = '';

    read.addEventListener('click', async () => {
        box.hidden = true;
        sent = text.value.normalize('NFC').replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
        if (!sent) return showError(form, box, new ApiError(400, 'invalid', 'Chưa dán văn bản thông báo.', 'text'));
        read.disabled = true;
        try {
            const r = await POST(API + '/extract', {text: sent, date: m.date || undefined, unit: m.host_unit_id || undefined});
            show(r.tasks || []);
        } catch (err) {
            if (err.status === 404) err = new ApiError(404, err.code, 'Máy chủ này chưa có chức năng đọc thông báo kết luận; hãy nhập từng nhiệm vụ bằng tay.');
            showError(form, box, err);
        } finally {
            read.disabled = false;
        }
    });

    const source = el('div', {class: 'source pre', 'aria-label': 'Văn bản gốc'});
    function mark(p) {
        const bytes = new TextEncoder().encode(sent);
        const ev = (p && p.evidence) || {};
        const spans = [['content', ev.content], ['lead', ev.lead], ['deadline', ev.deadline],
            ...(ev.coordinating || []).map(s => ['coord', s])]
            .filter(([, s]) => s && s[0] + s[1] <= bytes.length)
            .map(([k, s]) => [k, byteToChar(bytes, s[0]), byteToChar(bytes, s[0] + s[1])]);
        /* The content span holds the others: cut the text at every boundary, mark each piece
         * with the innermost span covering it. */
        const cuts = [...new Set([0, sent.length, ...spans.flatMap(s => [s[1], s[2]])])].sort((a, b) => a - b);
        const kids = [];
        for (let i = 0; i + 1 < cuts.length; i++) {
            const [a, b] = [cuts[i], cuts[i + 1]];
            const cover = spans.filter(s => s[1] <= a && b <= s[2]).sort((x, y) => (x[2] - x[1]) - (y[2] - y[1]))[0];
            const piece = sent.slice(a, b);
            kids.push(cover ? el('mark', {class: 'ev-' + cover[0], text: piece}) : piece);
        }
        fill(source, ...kids);
        const first = $('mark', source);
        if (first) source.scrollTop = first.offsetTop - source.offsetTop - 24;
    }

    function show(props) {
        if (!props.length) return fill(out, el('p', {class: 'empty', text: 'Không tìm thấy nhiệm vụ nào trong văn bản.'}));
        const year = () => (m.date ? +m.date.slice(0, 4) : undefined);
        entry = taskEntry({context: () => m.host_unit_id, year, keep: true});
        const byName = n => (S.units.find(u => u.name === n) || {}).id;
        props.forEach(p => {
            const r = entry.addRow(false, {content: p.content, lead: p.lead_known ? p.lead_id : null,
                coordinating: (p.coordinating || []).map(byName).filter(Boolean), deadline: p.deadline});
            r.tr.dataset.confidence = p.confidence;
            const notes = [];
            if (p.lead && !p.lead_known) notes.push('Chủ trì theo văn bản: ' + p.lead);
            if (p.deadline_text) notes.push('Hạn theo văn bản: ' + p.deadline_text + (p.deadline_time ? ' (' + p.deadline_time + ')' : ''));
            if (p.reason) { r.tr.classList.add('low'); notes.unshift('Cần xem lại: ' + p.reason); }
            r.note.textContent = notes.join(' · ');
            const on = () => { $$('tr.current', entry.tbody).forEach(x => x.classList.remove('current')); r.tr.classList.add('current'); mark(p); };
            r.tr.addEventListener('focusin', on);
        });
        fill(out, el('p', {text: 'Đề xuất ' + props.length + ' nhiệm vụ. Phần văn bản của dòng đang chọn được tô màu.'}),
            source, entry.table(),
            el('div', {class: 'actions'}, el('button', {type: 'submit', class: 'primary', text: 'Tạo các nhiệm vụ'})));
        mark(props[0]);
        entry.rows[0].tr.classList.add('current');
    }

    onSubmit(form, box, async () => {
        if (!entry) return;
        const todo = entry.rows.filter(r => !r.id && r.keep.checked);
        if (!todo.length) throw new ApiError(400, 'invalid', 'Chưa giữ nhiệm vụ nào để tạo.');
        checkTaskRows(todo);
        const failed = await saveTaskRows(todo, {
            assigned_by: m.host_unit_id, assigned: (notices.find(d => String(d.id) === noticeSel.value) || m).date || m.date,
            meeting_id: m.id, notice_id: notices.length ? Number(noticeSel.value) : undefined,
        });
        if (failed) throw new ApiError(400, 'invalid', failed + ' dòng chưa tạo được, xem thông báo ở từng dòng, sửa rồi bấm lại.');
        toast('Đã tạo ' + todo.length + ' nhiệm vụ.');
        await onDone();
    });
    return form;
}

/*
 * Record a meeting, its conclusion notice and its tasks on one screen. Tasks are rows of a
 * table typed one after another: Enter in the last cell of a row opens the next row, the unit
 * cell matches without tone marks, dates are typed 15/9. Saving goes step by step (meeting,
 * notice, then each task); what the server accepted is marked and not sent again, what it
 * refused stays as typed with its message, so a refused row is fixed and saved again.
 */
export async function viewMeetingNew() {
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
    const entry = taskEntry({context: () => host.wrap.getValue(), year});
    const {rows: rowsState, addRow} = entry;
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
            entry.table(),
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
        checkTaskRows(todo);
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
                meeting_id: saved.meeting,
            });
            saved.notice = res.id ?? (res.document && res.document.id);
            $$('fieldset', form)[1].disabled = true;
            $$('fieldset', form)[1].append(el('p', {class: 'saved', text: 'Đã vào sổ thông báo ' + nNumber.value.trim() + '.'}));
        }
        const failed = await saveTaskRows(todo, {
            assigned_by: hostId, assigned: nDate.getDay() || day,
            meeting_id: saved.meeting, notice_id: saved.notice || undefined,
        });
        if (failed) throw new ApiError(400, 'invalid', 'Đã lưu cuộc họp; ' + failed + ' dòng nhiệm vụ chưa lưu được, xem thông báo ở từng dòng, sửa rồi bấm Lưu lại.');
        toast('Đã lưu cuộc họp và ' + todo.length + ' nhiệm vụ.');
        location.hash = '#/meetings/' + saved.meeting;
    });
    page('Ghi cuộc họp mới', form);
    title.focus();
}

/* ---------- Documents register ---------- */

export async function viewDocuments(q) {
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
        can('office', 'admin', 'leader') ? el('p', {class: 'no-print'}, el('button', {type: 'button', text: 'Vào sổ văn bản',
            onclick: () => fill(addSlot, docForm(f.unit, () => viewDocuments(q)))})) : null, addSlot, list);
    const p = {unit: f.unit ? unitRef(f.unit) : '', subtree: f.subtree, from: f.from, to: f.to};
    GET(R.docCounts, p).then(c => {
        const types = Object.entries(c.outgoing_by_type || {});
        fill(counts, el('p', {class: 'as-of', text: 'Từ ' + (fmtDate(f.from) || '…') + ' đến ' + (fmtDate(f.to) || '…')}),
            el('div', {class: 'cards'},
                el('div', {class: 'card'}, el('span', {class: 'num', text: fmtNum(c.incoming)}), el('span', {class: 'cap', text: 'Văn bản đến'})),
                el('div', {class: 'card ok'}, el('span', {class: 'num', text: fmtNum(c.incoming_processed)}), el('span', {class: 'cap', text: 'Văn bản đến đã xử lý'})),
                el('div', {class: 'card'}, el('span', {class: 'num', text: fmtNum(c.outgoing)}), el('span', {class: 'cap', text: 'Văn bản đi (ban hành)'}),
                    types.length ? el('small', {text: types.map(([k, v]) => k + ' ' + fmtNum(v)).join(', ')}) : null)));
    }).catch(err => fill(counts, el('p', {class: 'error', text: err.message})));
    try {
        const r = await GET(R.documents, {...p, direction: f.direction, limit: 200});
        fill(list, table(['Sổ', 'Số, ký hiệu', 'Ngày', 'Loại', 'Cơ quan ban hành', 'Trích yếu', 'Hạn xử lý', 'Đã xử lý'],
            listOf(r).map(d => el('tr', {}, td(d.direction === 'in' ? 'Đến' : 'Đi'), td(d.number || ''), td(fmtDate(d.date)),
                td(d.type || ''), td(d.issuer || ''), td(d.subject || ''), td(fmtDate(d.deadline)), td(fmtDate(d.processed)))),
            {empty: 'Không có văn bản trong kỳ.'}));
    } catch (err) {
        fill(list, el('p', {class: 'error', role: 'alert', text: err.message}));
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

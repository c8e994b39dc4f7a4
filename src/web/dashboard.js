/*
 * web/dashboard.js - the leader's first screen: the figures of the summary as of a day
 * with a bar chart, units ranked by overdue tasks or by on-time share, the overdue list,
 * tasks due in the next 7 days and recent meetings; the filter bar it shares with the
 * task list. Every figure links to the list behind it. An ES module (see base.js).
 */
import {S, R, GET, el, fill, svg, td, table, page, errorBox, field, onSubmit, unitPicker, dateInput,
    unitName, unitRef, taskLink, listOf} from './base.js';
import {fmtDate, fmtNum, fmtPct, todayISO, addDays, parseDay, periodRange, MEETING_KIND} from './format.js';

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

export function filtersFromQuery(q) {
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

export function filtersToHash(base, f, extra = {}) {
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

export function apiFilters(f) {
    return {
        unit: f.unit ? unitRef(f.unit) : '', subtree: f.subtree, by: f.by ? unitRef(f.by) : '',
        as_of: f.as_of, from: f.from, to: f.to, key: f.key,
    };
}

/* The filter bar shared by the dashboard and the task list. */
export function filterBar(f, onApply, opts = {}) {
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
        if (!sel.value) return;
        const [f, t] = periodRange(sel.value, parseDay(asOf.value) || todayISO());
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

export async function viewDashboard(q) {
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
        /* The 15 most overdue are shown; the count covers them all. */
        s = await GET(R.summary, Object.assign({}, p, {overdue_limit: 15}));
    } catch (err) {
        fill(figs, el('p', {class: 'error', role: 'alert', text: err.message}));
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
        c.awaiting_confirmation ? el('a', {class: 'await', href: linkFor('awaiting_confirmation'),
            text: ' · ' + fmtNum(c.awaiting_confirmation) + ' việc chờ xác nhận hoàn thành'}) : null);
    fill(figs, head, cards, rateEl, barChart(c, linkFor));
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
        fill(rankBox, el('h2', {text: 'Xếp hạng đơn vị chủ trì'}), toggle,
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
        'Nhiệm vụ quá hạn ', el('span', {class: 'count', text: '(' + fmtNum(s.open_overdue || 0) + ')'})),
        table(['Nhiệm vụ', 'Đơn vị chủ trì', 'Hạn', {label: 'Số ngày quá hạn', cls: 'num'}],
            overdue.map(o => el('tr', {class: 'over-row'}, td(taskLink(o)), td(o.lead_unit ? o.lead_unit.name : ''),
                td(fmtDate(o.deadline)), td(fmtNum(o.days_overdue), 'num over-text'))),
            {empty: 'Không có nhiệm vụ quá hạn.'}),
        (s.open_overdue || 0) > overdue.length
            ? el('p', {}, el('a', {href: linkFor('open_overdue'), text: 'Xem tất cả ' + fmtNum(s.open_overdue) + ' nhiệm vụ quá hạn'}))
            : null);

    const soonBox = el('section', {class: 'panel'}, el('h2', {text: 'Đến hạn trong 7 ngày tới'}),
        el('p', {class: 'loading', text: 'Đang tải…'}));
    const meetBox = el('section', {class: 'panel'}, el('h2', {text: 'Cuộc họp gần đây'}),
        el('p', {class: 'loading', text: 'Đang tải…'}));
    fill(body, overBox, soonBox, rankBox, meetBox);

    const asOf = s.as_of || f.as_of;
    GET(R.tasks, {...p, category: 'open_in_time', deadline_from: asOf, deadline_to: addDays(asOf, 7), limit: 20})
        .then(r => {
            const items = listOf(r).sort((a, b) => (a.deadline_in_force || '').localeCompare(b.deadline_in_force || ''));
            fill(soonBox, soonBox.firstChild, table(['Nhiệm vụ', 'Đơn vị chủ trì', 'Hạn'],
                items.map(t => el('tr', {}, td(taskLink(t)), td(t.lead_unit ? t.lead_unit.name : ''),
                    td(fmtDate(t.deadline_in_force || t.deadline)))),
                {empty: 'Không có nhiệm vụ nào đến hạn trong 7 ngày.'}));
        })
        .catch(err => fill(soonBox, soonBox.firstChild, el('p', {class: 'error', text: err.message})));
    GET(R.meetings, {limit: 5, unit: p.unit, subtree: p.subtree})
        .then(r => {
            fill(meetBox, meetBox.firstChild, table(['Ngày', 'Cuộc họp'],
                listOf(r).slice(0, 5).map(m => el('tr', {}, td(fmtDate(m.date)),
                    td(el('a', {href: '#/meetings/' + m.id, text: m.title || MEETING_KIND[m.kind] || 'Cuộc họp'})))),
                {empty: 'Chưa có cuộc họp.'}));
        })
        .catch(err => fill(meetBox, meetBox.firstChild, el('p', {class: 'error', text: err.message})));
}

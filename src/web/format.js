/*
 * web/format.js - what the page computes without a document or a server: the Vietnamese
 * formats (07/9/2020, 1.297.314, 126,1%), the clock of Hà Nội, dates as a clerk types them
 * (15/9), the usual report periods, search keys without tone marks, the ranking of units for
 * what was typed in a unit picker, and the names of the API's codes. No DOM, no fetch: Node
 * imports this module as it is (tests/web/unit/).
 */

/* ---------- Vietnamese formats ---------- */

export const pad2 = n => String(n).padStart(2, '0');

/* "2020-09-07" -> "07/9/2020"; months 1 and 2 keep their zero (Nghị định 30/2020). */
export function fmtDate(iso) {
    if (!iso) return '';
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
    if (!m) return String(iso);
    const mo = +m[2];
    return m[3] + '/' + (mo <= 2 ? pad2(mo) : mo) + '/' + m[1];
}

/* A recorded instant ("2026-11-24T14:18:35Z") as the clock in Hà Nội reads it: 24/11/2026 21:18. */
const hcmClock = new Intl.DateTimeFormat('en-CA', {timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit',
    day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23'});
export function fmtDateTime(s) {
    if (!s) return '';
    if (/(Z|[+-]\d{2}:?\d{2})$/.test(s) && !Number.isNaN(Date.parse(s))) {
        const p = Object.fromEntries(hcmClock.formatToParts(new Date(s)).map(x => [x.type, x.value]));
        s = p.year + '-' + p.month + '-' + p.day + ' ' + p.hour + ':' + p.minute;
    }
    const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})/.exec(s);
    return m ? fmtDate(m[1]) + ' ' + m[2] + ':' + m[3] : fmtDate(s);
}

/* 1297314 -> "1.297.314" */
export function fmtNum(n) {
    if (n === null || n === undefined || Number.isNaN(+n)) return '—';
    const v = Math.trunc(+n);
    return (v < 0 ? '-' : '') + String(Math.abs(v)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/* 1.261 -> "126,1%"; null -> "—" (no base: 0/0) */
export function fmtPct(r) {
    if (r === null || r === undefined || r < 0) return '—';
    const tenths = Math.round(r * 1000);
    return Math.trunc(tenths / 10) + ',' + (tenths % 10) + '%';
}

/* ---------- Days ---------- */

/* The day in Asia/Ho_Chi_Minh at `now`, as YYYY-MM-DD, whatever the computer's time zone. */
const hcmDay = new Intl.DateTimeFormat('en-CA', {timeZone: 'Asia/Ho_Chi_Minh'});
/* Today is the server's (a commune PC's clock may be days or years off): the session gives
 * the server's day and instant; the PC's clock only measures the time since, so the page
 * turns to the next day at the server's midnight. Without a session yet: the PC's day. */
let serverClock = null;
export function setServerClock(today, nowSeconds, pcNowMs = Date.now()) {
    serverClock = /^\d{4}-\d{2}-\d{2}$/.test(today || '') && Number.isFinite(nowSeconds)
        ? {today, now: nowSeconds * 1000, at: pcNowMs} : null;
}
export function todayISO(now, pcNowMs = Date.now()) {
    if (now) return hcmDay.format(now);
    if (!serverClock) return hcmDay.format(new Date(pcNowMs));
    const then = hcmDay.format(new Date(serverClock.now));
    const later = hcmDay.format(new Date(serverClock.now + Math.max(0, pcNowMs - serverClock.at)));
    return addDays(serverClock.today, Math.round((Date.parse(later) - Date.parse(then)) / 86400000));
}

export function addDays(iso, n) {
    const d = new Date(iso + 'T00:00:00Z');
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
}

/*
 * A date as a clerk types it: "15/9" (this year, or defYear), "15/9/2020", "15-9-20",
 * "15.09.2020" or ISO. Returns "YYYY-MM-DD", "" for empty, null for nonsense. "This year" is
 * the year of `today` (YYYY-MM-DD, default today in Hà Nội), so "15/1" typed in December is
 * January of the same year, not of the next one.
 */
export function parseDay(text, defYear, today) {
    const t = String(text || '').trim();
    if (!t) return '';
    let y, mo, d, m;
    if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t))) {
        y = +m[1]; mo = +m[2]; d = +m[3];
    } else if ((m = /^(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?:\s*[/.\-]\s*(\d{2}|\d{4}))?$/.exec(t))) {
        d = +m[1]; mo = +m[2];
        y = m[3] ? (m[3].length === 2 ? 2000 + +m[3] : +m[3]) : (defYear || +(today || todayISO()).slice(0, 4));
    } else {
        return null;
    }
    const dt = new Date(Date.UTC(y, mo - 1, d));
    if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
    return y + '-' + pad2(mo) + '-' + pad2(d);
}

/* The usual periods, counted from the day `iso`: this month ("month"), last month ("prev"), the
 * quarter, the first half, the year. Returns [from, to] as YYYY-MM-DD; ['', ''] for "all" or
 * anything else. */
export function periodRange(kind, iso) {
    const y = +iso.slice(0, 4), m = +iso.slice(5, 7);
    const day = (yy, mm, dd) => yy + '-' + pad2(mm) + '-' + pad2(dd);
    const last = (yy, mm) => new Date(Date.UTC(yy, mm, 0)).getUTCDate();
    if (kind === 'month') return [day(y, m, 1), day(y, m, last(y, m))];
    if (kind === 'prev') {
        const py = m === 1 ? y - 1 : y, pm = m === 1 ? 12 : m - 1;
        return [day(py, pm, 1), day(py, pm, last(py, pm))];
    }
    if (kind === 'quarter') { const q0 = m - (m - 1) % 3; return [day(y, q0, 1), day(y, q0 + 2, last(y, q0 + 2))]; }
    if (kind === 'half') return [day(y, 1, 1), day(y, 6, 30)];
    if (kind === 'year') return [day(y, 1, 1), day(y, 12, 31)];
    return ['', ''];
}

/* ---------- Search keys without tone marks ---------- */

/* Search key: no tone marks, no case, đ -> d ("Kế hoạch" -> "ke hoach"). */
export function fold(s) {
    return String(s || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '')
        .replace(/[đĐ]/g, 'd').toLowerCase();
}

/* The first letters of a name's words, folded: "Phòng Tài chính - Kế hoạch" -> "ptckh". */
export function initials(name) {
    return fold(name).split(/[\s\-–,.()]+/).filter(Boolean).map(w => w[0]).join('');
}

/* A unit as the API gives it, with the keys matchUnits() compares. */
export function unitKeys(u) {
    return {
        ...u,
        fname: fold(u.name),
        fshort: fold(u.short_name),
        fcode: fold(u.code),
        finit: initials(u.name),
        falias: (u.aliases || []).map(fold),
    };
}

/* Is unit `id` `root` or under it? `byId` maps ids to units (parent_id). */
export function isUnder(byId, id, root) {
    for (let u = byId.get(id), n = 0; u && n < 64; u = byId.get(u.parent_id), n++)
        if (u.id === root) return true;
    return false;
}

/*
 * Rank `units` (made by unitKeys) for what was typed: "tckh" finds "Phòng Tài chính - Kế hoạch"
 * by its code or the initials of its words, "tai chinh" by words, "ke hoach" without tone
 * marks. Units under `context` (the meeting's host, the account's unit) come first; closed
 * units last. `byId` maps ids to units, for `context`.
 */
export function matchUnits(units, byId, text, context, limit = 8) {
    const q = fold(text).trim();
    if (!q) return [];
    const words = q.split(/[\s\-–,]+/).filter(Boolean);
    const compact = q.replace(/[\s.\-]/g, '');
    const out = [];
    for (const u of units) {
        let score = 0;
        if (u.fcode === q || u.fshort === q || u.falias.includes(q)) score = 100;
        else if (u.fcode.split('.').pop() === compact) score = 90;
        else if (u.fname.startsWith(q) || u.fshort.startsWith(q)) score = 80;
        else if (words.every(w => u.fname.includes(w) || u.fshort.includes(w) ||
                 u.falias.some(a => a.includes(w)))) score = 60;
        else if (compact.length >= 2 && u.finit.includes(compact)) score = 50;
        else if (compact.length >= 2 && u.fcode.replace(/\./g, '').includes(compact)) score = 40;
        if (!score) continue;
        if (context && isUnder(byId, u.id, context)) score += 30;
        if (u.valid_to) score -= 45;
        out.push([score, u]);
    }
    out.sort((a, b) => b[0] - a[0] || a[1].name.length - b[1].name.length);
    return out.slice(0, limit).map(x => x[1]);
}

/* Byte offsets of UTF-8 `bytes` to string offsets (UTF-16 units) of the text they encode. */
export function byteToChar(bytes, n) {
    return new TextDecoder().decode(bytes.subarray(0, n)).length;
}

/* ---------- The names of the API's codes ---------- */

export const CATEGORY = {
    done_before: ['Hoàn thành trước hạn', 'ok'],
    done_on_day: ['Hoàn thành đúng hạn', 'ok'],
    done_late: ['Hoàn thành quá hạn', 'late'],
    open_in_time: ['Chưa hoàn thành, trong hạn', 'open'],
    open_overdue: ['Quá hạn', 'over'],
    no_deadline_done: ['Thường xuyên, đã xong', 'ok'],
    no_deadline_open: ['Thường xuyên', 'open'],
    uncounted: ['Không tính', 'muted'],
};

/* The label and CSS class of a task's category badge: "Quá hạn 3 ngày", "Sắp đến hạn". */
export function categoryLabel(t) {
    let [label, cls] = CATEGORY[t.category] || [t.category || '', 'muted'];
    if (t.category === 'open_overdue') label = 'Quá hạn ' + fmtNum(t.days_overdue) + ' ngày';
    if (t.category === 'open_in_time' && t.due_soon) { label = 'Sắp đến hạn'; cls = 'soon'; }
    return [label, cls];
}

export const STATE = {
    not_started: 'Chưa thực hiện', in_progress: 'Đang thực hiện',
    awaiting_confirmation: 'Chờ xác nhận', done: 'Đã hoàn thành', paused: 'Tạm dừng',
    cancelled: 'Đã hủy', returned: 'Từ chối nhận',
};

export const EVENT = {
    created: 'Giao nhiệm vụ', assign: 'Giao nhiệm vụ',
    progress: 'Báo cáo tiến độ', ext_request: 'Đề nghị gia hạn', ext_approve: 'Đồng ý gia hạn',
    ext_refuse: 'Không đồng ý gia hạn', done: 'Báo cáo hoàn thành', confirm: 'Xác nhận hoàn thành',
    reject: 'Từ chối xác nhận', return: 'Trả lại (không thuộc thẩm quyền)', pause: 'Tạm dừng',
    reopen: 'Mở lại', cancel: 'Hủy',
};

export const ROLE = {
    admin: 'Quản trị', leader: 'Lãnh đạo', office: 'Văn phòng', unit: 'Đơn vị', viewer: 'Xem',
};

export const MEETING_KIND = {
    giao_ban: 'Họp giao ban định kỳ', lam_viec: 'Buổi làm việc', kiem_tra: 'Kiểm tra', khac: 'Khác',
};

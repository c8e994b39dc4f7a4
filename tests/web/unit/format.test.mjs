/*
 * tests/web/unit/format.test.mjs - the page's Vietnamese formats and typed dates
 * (src/web/format.js), in Node without a browser. Run by tests/web/unit.sh.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
    fmtDate, fmtDateTime, fmtNum, fmtPct, todayISO, addDays, parseDay, periodRange, categoryLabel,
    byteToChar, setServerClock,
} from '../../../src/web/format.js';

test('fmtDate: day/month/year, months 1 and 2 keep their zero', () => {
    assert.equal(fmtDate('2020-09-07'), '07/9/2020');
    assert.equal(fmtDate('2020-09-15'), '15/9/2020');
    assert.equal(fmtDate('2021-01-01'), '01/01/2021');
    assert.equal(fmtDate('2024-02-29'), '29/02/2024');
    assert.equal(fmtDate('2020-03-01'), '01/3/2020');
    assert.equal(fmtDate('2020-12-31'), '31/12/2020');
    assert.equal(fmtDate('2020-10-05'), '05/10/2020');
});

test('fmtDate: empty gives empty, what is no ISO date is shown as it came', () => {
    assert.equal(fmtDate(''), '');
    assert.equal(fmtDate(null), '');
    assert.equal(fmtDate(undefined), '');
    assert.equal(fmtDate('Thường xuyên'), 'Thường xuyên');
    /* A time after the day is cut off. */
    assert.equal(fmtDate('2020-09-07T08:00:00Z'), '07/9/2020');
});

test('fmtDateTime: a recorded instant as the clock in Hà Nội reads it (UTC+7)', () => {
    assert.equal(fmtDateTime('2026-11-24T14:18:35Z'), '24/11/2026 21:18');
    /* Late evening UTC is already the next day, the next year, in Hà Nội. */
    assert.equal(fmtDateTime('2026-12-31T17:30:00Z'), '01/01/2027 00:30');
    assert.equal(fmtDateTime('2026-11-24T14:18:35+07:00'), '24/11/2026 14:18');
    assert.equal(fmtDateTime('2026-11-24T01:00:00-05:00'), '24/11/2026 13:00');
    /* Without a zone it is taken as written. */
    assert.equal(fmtDateTime('2026-02-03 08:05:00'), '03/02/2026 08:05');
    assert.equal(fmtDateTime('2026-02-03'), '03/02/2026');
    assert.equal(fmtDateTime(''), '');
});

test('fmtNum: thousands separated by dots, no decimals', () => {
    assert.equal(fmtNum(1297314), '1.297.314');
    assert.equal(fmtNum(0), '0');
    assert.equal(fmtNum(7), '7');
    assert.equal(fmtNum(999), '999');
    assert.equal(fmtNum(1000), '1.000');
    assert.equal(fmtNum(100000), '100.000');
    assert.equal(fmtNum(1000000), '1.000.000');
    assert.equal(fmtNum(-1234567), '-1.234.567');
    assert.equal(fmtNum(1234.9), '1.234');
    assert.equal(fmtNum('425'), '425');
    assert.equal(fmtNum('354000'), '354.000');
});

test('fmtNum: no number gives a dash', () => {
    assert.equal(fmtNum(null), '—');
    assert.equal(fmtNum(undefined), '—');
    assert.equal(fmtNum(NaN), '—');
    assert.equal(fmtNum('mười'), '—');
});

test('fmtPct: a share as a percentage with one decimal after a comma', () => {
    assert.equal(fmtPct(1.261), '126,1%');
    assert.equal(fmtPct(0.444444), '44,4%');
    assert.equal(fmtPct(1), '100,0%');
    assert.equal(fmtPct(0), '0,0%');
    assert.equal(fmtPct(0.5), '50,0%');
    assert.equal(fmtPct(0.0005), '0,1%');
    assert.equal(fmtPct(0.0004), '0,0%');
    /* Rounded to the tenth: 99,96% shows as 100,0%, not 99,10%. */
    assert.equal(fmtPct(0.9996), '100,0%');
    assert.equal(fmtPct(0.123456), '12,3%');
});

test('fmtPct: no base (null) or a negative share gives a dash', () => {
    assert.equal(fmtPct(null), '—');
    assert.equal(fmtPct(undefined), '—');
    assert.equal(fmtPct(-1), '—');
});

test('todayISO: the day in Hà Nội, not in the computer\'s zone', () => {
    assert.equal(todayISO(new Date('2026-12-31T16:59:59Z')), '2026-12-31');
    assert.equal(todayISO(new Date('2026-12-31T17:00:00Z')), '2027-01-01');
    assert.equal(todayISO(new Date('2020-09-06T23:30:00-02:00')), '2020-09-07');
    assert.match(todayISO(), /^\d{4}-\d{2}-\d{2}$/);
});

test('addDays: across months, leap days and years', () => {
    assert.equal(addDays('2024-02-28', 1), '2024-02-29');
    assert.equal(addDays('2023-02-28', 1), '2023-03-01');
    assert.equal(addDays('2026-12-31', 1), '2027-01-01');
    assert.equal(addDays('2026-03-01', -1), '2026-02-28');
    assert.equal(addDays('2020-09-07', 7), '2020-09-14');
    assert.equal(addDays('2020-09-07', 0), '2020-09-07');
});

test('parseDay: day/month with this year, of the day given as today', () => {
    assert.equal(parseDay('15/9', undefined, '2020-09-07'), '2020-09-15');
    assert.equal(parseDay('7/9', undefined, '2020-09-07'), '2020-09-07');
    assert.equal(parseDay('1/1', undefined, '2026-06-30'), '2026-01-01');
    assert.equal(parseDay('31/12', undefined, '2026-06-30'), '2026-12-31');
});

test('parseDay: "15/1" typed in December is January of the same year (no roll-over)', () => {
    /* What the page does today: the year of today, even when the day has passed. */
    assert.equal(parseDay('15/1', undefined, '2026-12-20'), '2026-01-15');
    assert.equal(parseDay('15/1', undefined, '2026-12-31'), '2026-01-15');
    /* The field's own year wins over today's (a task's deadline year, a meeting's year). */
    assert.equal(parseDay('15/1', 2027, '2026-12-20'), '2027-01-15');
});

test('parseDay: without today, this year in Hà Nội', () => {
    const y = todayISO().slice(0, 4);
    assert.equal(parseDay('15/9'), y + '-09-15');
    assert.equal(parseDay('15/9', 2019), '2019-09-15');
});

test('parseDay: 29/2 only in leap years', () => {
    assert.equal(parseDay('29/2/2024'), '2024-02-29');
    assert.equal(parseDay('29/2/2000'), '2000-02-29');
    assert.equal(parseDay('29/2/2023'), null);
    assert.equal(parseDay('29/2/2100'), null);
    assert.equal(parseDay('29/2', undefined, '2028-05-01'), '2028-02-29');
    assert.equal(parseDay('29/2', undefined, '2026-05-01'), null);
    assert.equal(parseDay('29/2', 2024, '2026-05-01'), '2024-02-29');
    assert.equal(parseDay('2024-02-29'), '2024-02-29');
    assert.equal(parseDay('2023-02-29'), null);
});

test('parseDay: the forms a clerk types', () => {
    assert.equal(parseDay('15/9/2020'), '2020-09-15');
    assert.equal(parseDay('07/09/2020'), '2020-09-07');
    assert.equal(parseDay('15-9-20'), '2020-09-15');
    assert.equal(parseDay('15.09.2020'), '2020-09-15');
    assert.equal(parseDay(' 15 / 9 / 2020 '), '2020-09-15');
    assert.equal(parseDay('2020-9-7'), '2020-09-07');
    assert.equal(parseDay('2020-09-07'), '2020-09-07');
    assert.equal(parseDay('1/1/99'), '2099-01-01');
    /* A date shown by the page reads back as itself. */
    for (const iso of ['2020-01-05', '2020-02-29', '2020-09-07', '2020-12-31'])
        assert.equal(parseDay(fmtDate(iso)), iso);
});

test('parseDay: empty is "" (no date), not a refusal', () => {
    assert.equal(parseDay(''), '');
    assert.equal(parseDay('   '), '');
    assert.equal(parseDay(null), '');
    assert.equal(parseDay(undefined), '');
});

test('parseDay: impossible or garbled dates are refused (null)', () => {
    for (const t of ['31/4/2020', '31/6/2020', '32/1/2020', '0/1/2020', '1/0/2020', '1/13/2020', '00/00',
        '15/9/202', '15/9/20201', '15/9/0020', '15//9', '15/9/', '/9', '15', '15 9', 'mười lăm/9',
        '15/9/2020 8:00', '2020-13-01', '2020-02-30', '2020/09/07', '1.297.314', 'abc', '2020-9', '+15/9'])
        assert.equal(parseDay(t, undefined, '2020-09-07'), null, JSON.stringify(t));
});

test('periodRange: the usual periods counted from a day', () => {
    assert.deepEqual(periodRange('month', '2020-09-07'), ['2020-09-01', '2020-09-30']);
    assert.deepEqual(periodRange('month', '2024-02-10'), ['2024-02-01', '2024-02-29']);
    assert.deepEqual(periodRange('month', '2023-02-10'), ['2023-02-01', '2023-02-28']);
    assert.deepEqual(periodRange('prev', '2020-09-07'), ['2020-08-01', '2020-08-31']);
    assert.deepEqual(periodRange('prev', '2026-01-15'), ['2025-12-01', '2025-12-31']);
    assert.deepEqual(periodRange('prev', '2024-03-31'), ['2024-02-01', '2024-02-29']);
    assert.deepEqual(periodRange('quarter', '2026-11-05'), ['2026-10-01', '2026-12-31']);
    assert.deepEqual(periodRange('quarter', '2020-03-31'), ['2020-01-01', '2020-03-31']);
    assert.deepEqual(periodRange('quarter', '2020-05-01'), ['2020-04-01', '2020-06-30']);
    assert.deepEqual(periodRange('half', '2020-09-07'), ['2020-01-01', '2020-06-30']);
    assert.deepEqual(periodRange('year', '2020-09-07'), ['2020-01-01', '2020-12-31']);
    assert.deepEqual(periodRange('all', '2020-09-07'), ['', '']);
    assert.deepEqual(periodRange('', '2020-09-07'), ['', '']);
});

test('categoryLabel: the badge of a task, overdue days and due soon', () => {
    assert.deepEqual(categoryLabel({category: 'open_overdue', days_overdue: 1234}), ['Quá hạn 1.234 ngày', 'over']);
    assert.deepEqual(categoryLabel({category: 'open_in_time', due_soon: true}), ['Sắp đến hạn', 'soon']);
    assert.deepEqual(categoryLabel({category: 'open_in_time', due_soon: false}), ['Chưa hoàn thành, trong hạn', 'open']);
    assert.deepEqual(categoryLabel({category: 'done_late'}), ['Hoàn thành quá hạn', 'late']);
    assert.deepEqual(categoryLabel({category: 'something_new'}), ['something_new', 'muted']);
    assert.deepEqual(categoryLabel({}), ['', 'muted']);
});

test('byteToChar: UTF-8 byte offsets of Vietnamese text to string offsets', () => {
    const s = 'Giao Phòng Tài chính - Kế hoạch trước ngày 15/9';
    const bytes = new TextEncoder().encode(s);
    assert.equal(byteToChar(bytes, 0), 0);
    assert.equal(byteToChar(bytes, 5), 5);                                 /* "Giao " is ASCII */
    const at = new TextEncoder().encode('Giao Phòng Tài chính - ').length;  /* ò, à, í take 2 bytes */
    assert.equal(at, 26);
    assert.equal(byteToChar(bytes, at), 23);
    assert.equal(s.slice(byteToChar(bytes, at), byteToChar(bytes, at + new TextEncoder().encode('Kế hoạch').length)), 'Kế hoạch');
    assert.equal(byteToChar(bytes, bytes.length), s.length);
});

test('todayISO: the server\'s day, whatever the PC\'s clock says', () => {
    // The PC believes it is 2026-12-02 12:00 UTC; the server said 2020-10-01 at 23:00 in Hà Nội.
    const pc = Date.parse('2026-12-02T12:00:00Z');
    const server = Date.parse('2020-10-01T16:00:00Z') / 1000; // 23:00 +07:00
    setServerClock('2020-10-01', server, pc);
    assert.equal(todayISO(undefined, pc), '2020-10-01');
    assert.equal(todayISO(undefined, pc + 59 * 60 * 1000), '2020-10-01'); // 23:59 at the server
    assert.equal(todayISO(undefined, pc + 61 * 60 * 1000), '2020-10-02'); // past its midnight
    assert.equal(todayISO(undefined, pc + 3 * 86400000), '2020-10-04');
    assert.equal(todayISO(undefined, pc - 86400000), '2020-10-01'); // the PC's clock went back
    // An explicit instant is still read as given.
    assert.equal(todayISO(new Date('2026-12-31T17:00:00Z')), '2027-01-01');
    // A session without a day (an old server): the PC's day again.
    setServerClock(undefined, server, pc);
    assert.equal(todayISO(undefined, pc), '2026-12-02');
});

/*
 * tests/web/unit/fold.test.mjs - search keys without tone marks and the unit matcher of the
 * unit picker (src/web/format.js), in Node without a browser. Run by tests/web/unit.sh.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fold, initials, unitKeys, isUnder, matchUnits } from '../../../src/web/format.js';

/* Every Vietnamese vowel with every tone mark, by its bare letter: a, ă, â, e, ê, i, o, ô, ơ,
 * u, ư, y, each bare and with huyền, sắc, hỏi, ngã, nặng. */
const VOWELS = {
    a: 'aàáảãạăằắẳẵặâầấẩẫậ',
    e: 'eèéẻẽẹêềếểễệ',
    i: 'iìíỉĩị',
    o: 'oòóỏõọôồốổỗộơờớởỡợ',
    u: 'uùúủũụưừứửữự',
    y: 'yỳýỷỹỵ',
};

test('the table holds the 72 lower-case vowels, each once', () => {
    const all = Object.values(VOWELS).join('');
    assert.equal([...all].length, 72);
    assert.equal(new Set(all).size, 72);
});

test('fold: every vowel with its marks, lower and upper case, becomes its bare letter', () => {
    for (const [bare, letters] of Object.entries(VOWELS)) {
        for (const ch of letters) {
            assert.equal(fold(ch), bare, ch);
            assert.equal(fold(ch.toUpperCase()), bare, ch.toUpperCase());
            /* Text pasted from another program may come decomposed (NFD). */
            assert.equal(fold(ch.normalize('NFD')), bare, ch + ' (NFD)');
            assert.equal(fold(ch.toUpperCase().normalize('NFD')), bare, ch.toUpperCase() + ' (NFD)');
        }
    }
});

test('fold: đ and Đ become d', () => {
    assert.equal(fold('đ'), 'd');
    assert.equal(fold('Đ'), 'd');
    assert.equal(fold('Đường Đồng Đăng'), 'duong dong dang');
    assert.equal(fold('Phòng Quản lý đô thị'), 'phong quan ly do thi');
});

test('fold: whole names; what has no mark stays, blanks and punctuation too', () => {
    assert.equal(fold('Kế hoạch'), 'ke hoach');
    assert.equal(fold('Phòng Tài chính - Kế hoạch'), 'phong tai chinh - ke hoach');
    assert.equal(fold('Ủy ban nhân dân tỉnh Nghệ An'), 'uy ban nhan dan tinh nghe an');
    assert.equal(fold('Thị xã Cửa Lò'), 'thi xa cua lo');
    assert.equal(fold('NA.CL.TCKH'), 'na.cl.tckh');
    assert.equal(fold('5/TB-UBND, 15/9/2020'), '5/tb-ubnd, 15/9/2020');
    assert.equal(fold(''), '');
    assert.equal(fold(null), '');
    assert.equal(fold(undefined), '');
});

test('initials: the first letters of the words, without marks', () => {
    assert.equal(initials('Phòng Tài chính - Kế hoạch'), 'ptckh');
    assert.equal(initials('Phòng Tài chính–Kế hoạch'), 'ptckh');
    assert.equal(initials('Ủy ban nhân dân (UBND) xã Đồng Văn'), 'ubnduxdv');
    assert.equal(initials('Phòng Kinh tế, Hạ tầng'), 'pktht');
    assert.equal(initials(''), '');
});

/* Units like the seed's: two provinces, two towns, each with a finance office. */
const RAW = [
    { id: 1, code: 'NA', name: 'Tỉnh Nghệ An', parent_id: null },
    { id: 2, code: 'NA.CL', name: 'Thị xã Cửa Lò', short_name: 'Cửa Lò', parent_id: 1 },
    { id: 3, code: 'NA.CL.TCKH', name: 'Phòng Tài chính - Kế hoạch thị xã Cửa Lò', short_name: 'Phòng TC-KH', parent_id: 2 },
    { id: 4, code: 'NA.CL.KT', name: 'Phòng Kinh tế thị xã Cửa Lò', parent_id: 2 },
    { id: 5, code: 'NA.CL.QLDT', name: 'Phòng Quản lý đô thị thị xã Cửa Lò', parent_id: 2 },
    { id: 6, code: 'NA.CL.NT', name: 'Phường Nghi Thu', parent_id: 2 },
    { id: 7, code: 'NA.CL.NH', name: 'Xã Nghi Hương', parent_id: 2, valid_to: '2019-12-31' },
    { id: 8, code: 'NA.CL.VP', name: 'Văn phòng HĐND và UBND thị xã Cửa Lò', parent_id: 2, aliases: ['Văn phòng UBND'] },
    { id: 10, code: 'LS', name: 'Tỉnh Lạng Sơn', parent_id: null },
    { id: 11, code: 'LS.CL', name: 'Huyện Cao Lộc', parent_id: 10 },
    { id: 12, code: 'LS.CL.TCKH', name: 'Phòng Tài chính - Kế hoạch huyện Cao Lộc', parent_id: 11 },
];
const UNITS = RAW.map(unitKeys);
const BY_ID = new Map(UNITS.map(u => [u.id, u]));
const ids = (text, context, limit) => matchUnits(UNITS, BY_ID, text, context, limit).map(u => u.id);

test('unitKeys: the folded keys the matcher compares', () => {
    const u = unitKeys(RAW[2]);
    assert.equal(u.fname, 'phong tai chinh - ke hoach thi xa cua lo');
    assert.equal(u.fshort, 'phong tc-kh');
    assert.equal(u.fcode, 'na.cl.tckh');
    assert.equal(u.finit, 'ptckhtxcl');
    assert.deepEqual(unitKeys(RAW[7]).falias, ['van phong ubnd']);
    assert.equal(u.name, RAW[2].name);
});

test('isUnder: a unit, its parents, not its siblings', () => {
    assert.equal(isUnder(BY_ID, 3, 3), true);
    assert.equal(isUnder(BY_ID, 3, 2), true);
    assert.equal(isUnder(BY_ID, 3, 1), true);
    assert.equal(isUnder(BY_ID, 3, 4), false);
    assert.equal(isUnder(BY_ID, 3, 10), false);
    assert.equal(isUnder(BY_ID, 99, 1), false);
});

test('matchUnits: the initials "tckh" find both finance offices, the context decides the first', () => {
    assert.deepEqual(ids('tckh', 2), [3, 12]);
    assert.deepEqual(ids('tckh', 11), [12, 3]);
    assert.deepEqual(ids('tckh', 1), [3, 12]);
});

test('matchUnits: case does not matter', () => {
    assert.deepEqual(ids('TCKH', 2), [3, 12]);
    assert.deepEqual(ids('Tai Chinh', 11), ids('tai chinh', 11));
    assert.deepEqual(ids('tai chinh', 11), [12, 3]);
});

test('matchUnits: typed without tone marks, or with them, or decomposed, the same', () => {
    assert.deepEqual(ids('ke hoach', 2), [3, 12]);
    assert.deepEqual(ids('kế hoạch', 2), [3, 12]);
    assert.deepEqual(ids('KẾ HOẠCH', 2), [3, 12]);
    assert.deepEqual(ids('kế hoạch'.normalize('NFD'), 2), [3, 12]);
    /* đ is typed as d. */
    assert.deepEqual(ids('do thi', 2), [5]);
    assert.deepEqual(ids('đô thị', 2), [5]);
    assert.deepEqual(ids('cao loc'), [11, 12]);
});

test('matchUnits: a name\'s beginning comes before words found inside other names', () => {
    /* "phong kinh" starts the name of Phòng Kinh tế only. */
    assert.deepEqual(ids('phong kinh', 2), [4]);
    /* "phong" starts five names; among equals the shorter name first. */
    const p = ids('phong', 2);
    assert.deepEqual(p.slice(0, 4).sort(), [3, 4, 5, 8].sort());
    assert.equal(p[0], 4);
    assert.equal(p.includes(12), true);
    assert.equal(p.indexOf(12) > p.indexOf(3), true);
    /* The beginning of the short name counts too. */
    assert.deepEqual(ids('cua lo', 1)[0], 2);
});

test('matchUnits: an exact code, the last part of a code, an alias', () => {
    assert.deepEqual(ids('na.cl.kt')[0], 4);
    assert.deepEqual(ids('NA.CL.KT')[0], 4);
    assert.deepEqual(ids('kt', 2)[0], 4);
    assert.deepEqual(ids('van phong ubnd')[0], 8);
    assert.deepEqual(ids('Văn phòng UBND')[0], 8);
});

test('matchUnits: the initials of the words ("pkt") when nothing else matches', () => {
    assert.deepEqual(ids('pkt', 2), [4]);
    assert.deepEqual(ids('pqldt', 2), [5]);
});

test('matchUnits: a closed unit comes after the open ones', () => {
    /* Both match "nghi" alike, and the closed one has the shorter name: it still comes last. */
    assert.deepEqual(ids('nghi', 2), [6, 7]);
    assert.deepEqual(ids('nghi'), [6, 7]);
    /* Typed exactly, a dissolved unit is still found (the picker marks it). */
    assert.deepEqual(ids('na.cl.nh'), [7]);
    assert.deepEqual(ids('xa nghi huong'), [7]);
});

test('matchUnits: nothing typed, nothing found, and the limit', () => {
    assert.deepEqual(ids(''), []);
    assert.deepEqual(ids('   '), []);
    assert.deepEqual(ids('xyz'), []);
    assert.deepEqual(ids('hà tĩnh'), []);
    assert.equal(ids('phong', 2, 2).length, 2);
    assert.equal(ids('phong', 2, 1)[0], 4);
    /* "thi xa" starts the town's name and is inside four of its offices' names. */
    assert.deepEqual(ids('thi xa').sort((a, b) => a - b), [2, 3, 4, 5, 8]);
    assert.equal(ids('thi xa')[0], 2);
    /* "t" is in every name: eight at most by default. */
    assert.equal(ids('t').length, 8);
});

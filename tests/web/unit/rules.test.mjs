/*
 * tests/web/unit/rules.test.mjs - which buttons the page offers on a task (src/web/rules.js),
 * above all the separation of duties: nobody is offered to confirm their own completion
 * report or approve their own extension request, and where the page has not read the task's
 * history it offers neither. Run by tests/web/unit.sh.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ownLatest, allowedActions, mayConfirm } from '../../../src/web/rules.js';

const office = { role: 'office', username: 'vp_cualo' };
const office2 = { role: 'office', username: 'vp_cualo_2' };
const leader = { role: 'leader', username: 'ld_cualo' };
const unit = { role: 'unit', username: 'tckh' };
const admin = { role: 'admin', username: 'quantri' };
const viewer = { role: 'viewer', username: 'xem' };

const working = { id: 1, state: 'in_progress', deadline: '2020-09-15' };
const awaiting = { id: 2, state: 'awaiting_confirmation', deadline: '2020-09-15' };
const reportedBy = who => [
    { kind: 'created', actor: 'vp_cualo' },
    { kind: 'progress', actor: 'tckh' },
    { kind: 'done', actor: who },
];

test('ownLatest: the latest event of the kind decides, not an earlier one', () => {
    const ev = [{ kind: 'done', actor: 'a' }, { kind: 'reject', actor: 'b' }, { kind: 'done', actor: 'c' }];
    assert.equal(ownLatest(ev, 'done', 'c'), true);
    assert.equal(ownLatest(ev, 'done', 'a'), false);
    assert.equal(ownLatest(ev, 'reject', 'b'), true);
    assert.equal(ownLatest(ev, 'ext_request', 'c'), false);
    assert.equal(ownLatest([], 'done', 'c'), false);
    assert.equal(ownLatest(null, 'done', 'c'), false);
    /* Without a name nobody is bound (events recorded without an account bind nobody). */
    assert.equal(ownLatest(ev, 'done', ''), false);
    assert.equal(ownLatest([{ kind: 'done' }], 'done', undefined), false);
});

test('a unit on a task in progress: report, ask for more time, report done, give back', () => {
    assert.deepEqual(allowedActions(working, null, [], unit), ['progress', 'ext_request', 'done', 'return']);
    /* An extension already asked for: not twice. */
    assert.deepEqual(allowedActions(working, '2020-10-15', [], unit), ['progress', 'done', 'return']);
    /* A task without deadline has no extension. */
    assert.deepEqual(allowedActions({ ...working, deadline: null }, null, [], unit), ['progress', 'done', 'return']);
    /* A unit does not confirm. */
    assert.deepEqual(allowedActions(awaiting, null, reportedBy('tckh'), unit), []);
});

test('the office confirms another account\'s report, not its own', () => {
    assert.deepEqual(allowedActions(awaiting, null, reportedBy('tckh'), office), ['confirm', 'reject', 'cancel']);
    assert.deepEqual(allowedActions(awaiting, null, reportedBy('vp_cualo'), office), ['reject', 'cancel']);
    assert.deepEqual(allowedActions(awaiting, null, reportedBy('vp_cualo'), office2), ['confirm', 'reject', 'cancel']);
    assert.deepEqual(allowedActions(awaiting, null, reportedBy('quantri'), admin), ['reject', 'cancel']);
    assert.deepEqual(allowedActions(awaiting, null, reportedBy('vp_cualo'), leader), ['confirm', 'reject', 'cancel']);
});

test('a report rejected and made again by someone else may be confirmed by the first reporter', () => {
    const ev = [{ kind: 'done', actor: 'vp_cualo' }, { kind: 'reject', actor: 'ld_cualo' }, { kind: 'done', actor: 'tckh' }];
    assert.equal(allowedActions(awaiting, null, ev, office).includes('confirm'), true);
    const ev2 = [{ kind: 'done', actor: 'tckh' }, { kind: 'reject', actor: 'ld_cualo' }, { kind: 'done', actor: 'vp_cualo' }];
    assert.equal(allowedActions(awaiting, null, ev2, office).includes('confirm'), false);
});

test('history not read (the list): no confirm, no approval, the rest as usual', () => {
    assert.deepEqual(allowedActions(awaiting, null, undefined, office), ['reject', 'cancel']);
    assert.deepEqual(allowedActions(awaiting, null, null, leader), ['reject', 'cancel']);
    assert.deepEqual(allowedActions(working, '2020-10-15', undefined, leader), ['ext_refuse', 'pause', 'cancel', 'split']);
    assert.deepEqual(allowedActions(working, null, undefined, unit), ['progress', 'ext_request', 'done', 'return']);
});

test('an extension is approved by a leader who did not ask for it', () => {
    const asked = who => [{ kind: 'created', actor: 'vp_cualo' }, { kind: 'ext_request', actor: who }];
    assert.deepEqual(allowedActions(working, '2020-10-15', asked('tckh'), leader), ['ext_approve', 'ext_refuse', 'pause', 'cancel', 'split']);
    assert.deepEqual(allowedActions(working, '2020-10-15', asked('ld_cualo'), leader), ['ext_refuse', 'pause', 'cancel', 'split']);
    assert.deepEqual(allowedActions(working, '2020-10-15', asked('quantri'), admin).includes('ext_approve'), false);
    assert.deepEqual(allowedActions(working, '2020-10-15', asked('tckh'), admin).includes('ext_approve'), true);
    /* The office does not approve extensions. */
    assert.equal(allowedActions(working, '2020-10-15', asked('tckh'), office).includes('ext_approve'), false);
});

test('the other states: done, paused, returned, cancelled; a viewer gets nothing', () => {
    assert.deepEqual(allowedActions({ state: 'done' }, null, [], leader), ['reopen']);
    assert.deepEqual(allowedActions({ state: 'paused' }, null, [], office), ['reopen', 'cancel']);
    assert.deepEqual(allowedActions({ state: 'returned' }, null, [], admin), ['reopen', 'cancel']);
    assert.deepEqual(allowedActions({ state: 'cancelled' }, null, [], admin), []);
    assert.deepEqual(allowedActions({ state: 'not_started', deadline: '2020-09-15' }, null, [], office),
        ['progress', 'ext_request', 'done', 'return', 'pause', 'cancel', 'split']);
    for (const t of [working, awaiting, { state: 'done' }, { state: 'paused' }])
        assert.deepEqual(allowedActions(t, '2020-10-15', reportedBy('tckh'), viewer), [], t.state);
    assert.deepEqual(allowedActions(working, null, [], null), []);
});

test('mayConfirm: whose inbox rows need the task\'s history', () => {
    assert.equal(mayConfirm(awaiting, office), true);
    assert.equal(mayConfirm(awaiting, leader), true);
    assert.equal(mayConfirm(awaiting, admin), true);
    assert.equal(mayConfirm(awaiting, unit), false);
    assert.equal(mayConfirm(awaiting, viewer), false);
    assert.equal(mayConfirm(working, office), false);
    assert.equal(mayConfirm({ state: 'done' }, leader), false);
});

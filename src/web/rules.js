/*
 * web/rules.js - which actions the page offers an account on a task, by its role, the task's
 * state and the task's history. The server decides; this only hides buttons that would surely
 * be refused. No DOM, no fetch: Node imports this module as it is (tests/web/unit/).
 */

/* Did `username` make the latest event of `kind`? Then it may not decide on it (the server
 * refuses too, 403 field "actor": nobody confirms their own report or approves their own
 * request). */
export function ownLatest(events, kind, username) {
    for (let i = (events || []).length - 1; i >= 0; i--)
        if (events[i].kind === kind) return !!username && events[i].actor === username;
    return false;
}

/*
 * The actions `user` ({role, username}) may take on task `t`, in the order of the buttons.
 * `pendingExt`: the deadline an extension request asks for, or null. `events`: the task's
 * history, oldest first; null or undefined when the page has not loaded it, and then
 * confirming a completion or approving an extension is not offered, because the page cannot
 * know whether the account made that report or that request itself.
 */
export function allowedActions(t, pendingExt, events, user) {
    const r = user && user.role;
    const who = user && user.username;
    const known = Array.isArray(events);
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
    if (pendingExt && approver && known && !ownLatest(events, 'ext_request', who)) a.push('ext_approve');
    if (pendingExt && approver) a.push('ext_refuse');
    if (t.state === 'awaiting_confirmation' && manager && known && !ownLatest(events, 'done', who)) a.push('confirm');
    if (t.state === 'awaiting_confirmation' && manager) a.push('reject');
    if (working && reporter) a.push('return');
    if (working && manager) a.push('pause');
    if (['done', 'paused', 'returned'].includes(t.state) && manager) a.push('reopen');
    if (t.state !== 'done' && t.state !== 'cancelled' && manager) a.push('cancel');
    if (working && manager) a.push('split');
    return a;
}

/* Would `user` be offered "confirm" on `t` once its history is known? The inbox loads the
 * history only of these tasks. */
export function mayConfirm(t, user) {
    const r = user && user.role;
    return t.state === 'awaiting_confirmation' && (r === 'leader' || r === 'office' || r === 'admin');
}

/*
 * tests/store/test_group_commit.c - SQLite group commit (store_set_group_commit): several
 * threads, each with its own connection, commit many small write transactions at once;
 * every one of them is there afterwards, read through a fresh connection, every write
 * commit was covered by a sync (never more syncs than commits, at least one), and a
 * transaction that only read makes no sync. Then deferred sync (store_set_deferred_sync):
 * a commit returns without syncing and owes a ticket, which the sync thread pays and
 * calls back; a read or a rollback owes nothing; ten tickets waiting at once share one sync.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "store/store.h"

#define THREADS 4
#define COMMITS 60

static char path[512];
static int failures;
static pthread_mutex_t fail_lock = PTHREAD_MUTEX_INITIALIZER;

static void *writer(void *arg)
{
    int t = (int)(intptr_t)arg;
    struct error e = ERROR_INIT;
    struct store *s;
    if (store_open(path, &s, &e)) {
        pthread_mutex_lock(&fail_lock);
        failures++;
        pthread_mutex_unlock(&fail_lock);
        return NULL;
    }
    for (int i = 0; i < COMMITS; i++) {
        char code[32], name[64];
        snprintf(code, sizeof code, "G%d.%d", t, i);
        snprintf(name, sizeof name, "Tổ %d số %d", t, i);
        struct unit_rec u = {.code = code, .name = name, .kind = "khac",
                             .valid_from = DAY_NONE, .valid_to = DAY_NONE};
        int64_t id;
        if (store_begin(s, &e) || store_unit_insert(s, &u, &id, &e) || store_commit(s, &e)) {
            store_rollback(s);
            pthread_mutex_lock(&fail_lock);
            failures++;
            pthread_mutex_unlock(&fail_lock);
        }
    }
    store_close(s);
    return NULL;
}

/* What a store_sync_notify callback saw. */
struct synced {
    pthread_mutex_t lock;
    pthread_cond_t cond;
    int calls;
    bool ok;
    bool other_thread;
    unsigned long syncs_seen; /* store_group_commit_syncs() when called back */
};
static pthread_t main_thread;

static void on_synced(void *arg, bool ok)
{
    struct synced *sy = arg;
    unsigned long syncs = store_group_commit_syncs();
    pthread_mutex_lock(&sy->lock);
    sy->calls++;
    sy->ok = ok;
    sy->other_thread = !pthread_equal(pthread_self(), main_thread);
    sy->syncs_seen = syncs;
    pthread_cond_signal(&sy->cond);
    pthread_mutex_unlock(&sy->lock);
}

/* Wait (at most 10 s) for the callback; its count. */
static int wait_synced(struct synced *sy)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += 10;
    pthread_mutex_lock(&sy->lock);
    while (sy->calls == 0 && pthread_cond_timedwait(&sy->cond, &sy->lock, &until) == 0)
        ;
    int n = sy->calls;
    pthread_mutex_unlock(&sy->lock);
    return n;
}

static int insert_unit(struct store *s, const char *code, struct error *e)
{
    struct unit_rec u = {.code = code, .name = code, .kind = "khac", .valid_from = DAY_NONE,
                         .valid_to = DAY_NONE};
    int64_t id;
    return store_unit_insert(s, &u, &id, e);
}

static void deferred_sync(void)
{
    struct error e = ERROR_INIT;
    struct store *s;
    main_thread = pthread_self();
    store_set_group_commit(true);
    CHECK_INT_EQ("deferred: open", store_open(path, &s, &e), 0);
    store_set_deferred_sync(s, true);
    CHECK_INT_EQ("deferred: nothing owed at first", (long long)store_sync_owed(s), 0);

    unsigned long before = store_group_commit_syncs();
    CHECK_INT_EQ("deferred: begin", store_begin(s, &e), 0);
    CHECK_INT_EQ("deferred: insert", insert_unit(s, "D.1", &e), 0);
    CHECK_INT_EQ("deferred: commit", store_commit(s, &e), 0);
    CHECK_INT_EQ("deferred: the commit did not sync", (long long)(store_group_commit_syncs() - before), 0);
    uint64_t t1 = store_sync_owed(s);
    CHECK("deferred: the commit owes a ticket", t1 > 0);
    CHECK_INT_EQ("deferred: handed over once", (long long)store_sync_owed(s), 0);

    struct synced sy = {.lock = PTHREAD_MUTEX_INITIALIZER, .cond = PTHREAD_COND_INITIALIZER};
    store_sync_notify(t1, on_synced, &sy);
    CHECK_INT_EQ("deferred: called back once", wait_synced(&sy), 1);
    CHECK("deferred: called back ok", sy.ok);
    CHECK("deferred: from the sync thread", sy.other_thread);
    CHECK("deferred: a sync was made before the call", sy.syncs_seen > before);

    /* Another write: a later ticket. A read and a rollback owe nothing. */
    CHECK_INT_EQ("deferred: begin 2", store_begin(s, &e), 0);
    CHECK_INT_EQ("deferred: insert 2", insert_unit(s, "D.2", &e), 0);
    CHECK_INT_EQ("deferred: commit 2", store_commit(s, &e), 0);
    uint64_t t2 = store_sync_owed(s);
    CHECK("deferred: a later ticket", t2 > t1);
    struct arena a = ARENA_INIT;
    struct unit_rec *units;
    size_t n;
    CHECK_INT_EQ("deferred: read begin", store_begin(s, &e), 0);
    CHECK_INT_EQ("deferred: read", store_unit_list(s, &a, &units, &n, &e), 0);
    CHECK_INT_EQ("deferred: read commit", store_commit(s, &e), 0);
    CHECK_INT_EQ("deferred: a read owes nothing", (long long)store_sync_owed(s), 0);
    CHECK_INT_EQ("deferred: begin 3", store_begin(s, &e), 0);
    CHECK_INT_EQ("deferred: insert 3", insert_unit(s, "D.3", &e), 0);
    store_rollback(s);
    CHECK_INT_EQ("deferred: a rollback owes nothing", (long long)store_sync_owed(s), 0);

    /* Several tickets waiting at once are all called back. */
    struct synced many[3];
    for (int i = 0; i < 3; i++) {
        many[i] = (struct synced){.lock = PTHREAD_MUTEX_INITIALIZER,
                                  .cond = PTHREAD_COND_INITIALIZER};
        store_sync_notify(t2, on_synced, &many[i]);
    }
    for (int i = 0; i < 3; i++) {
        CHECK_INT_EQ("deferred: each waiter called back once", wait_synced(&many[i]), 1);
        CHECK("deferred: each waiter ok", many[i].ok);
    }
    /* One sync serves many commits: ten commits, their tickets registered at once, are
     * covered by a single fdatasync (nothing else syncs in this process meanwhile). */
    uint64_t tickets[10];
    for (int i = 0; i < 10; i++) {
        char code[16];
        snprintf(code, sizeof code, "S.%d", i);
        CHECK_INT_EQ("shared: begin", store_begin(s, &e), 0);
        CHECK_INT_EQ("shared: insert", insert_unit(s, code, &e), 0);
        CHECK_INT_EQ("shared: commit", store_commit(s, &e), 0);
        tickets[i] = store_sync_owed(s);
    }
    CHECK("shared: tickets in order", tickets[9] > tickets[0]);
    unsigned long at = store_group_commit_syncs();
    struct synced ten[10];
    for (int i = 0; i < 10; i++) {
        ten[i] = (struct synced){.lock = PTHREAD_MUTEX_INITIALIZER,
                                 .cond = PTHREAD_COND_INITIALIZER};
        store_sync_notify(tickets[9 - i], on_synced, &ten[i]);
    }
    int ok = 0;
    for (int i = 0; i < 10; i++)
        ok += wait_synced(&ten[i]) == 1 && ten[i].ok;
    CHECK_INT_EQ("shared: all ten called back ok", ok, 10);
    CHECK_INT_EQ("shared: one sync for the ten", (long long)(store_group_commit_syncs() - at), 1);
    store_close(s);
    store_set_group_commit(false);

    /* Both deferred writes are there, the rolled back one not. */
    CHECK_INT_EQ("deferred: reopen", store_open(path, &s, &e), 0);
    CHECK_INT_EQ("deferred: list", store_unit_list(s, &a, &units, &n, &e), 0);
    int found = 0;
    for (size_t i = 0; i < n; i++)
        found += strcmp(units[i].code, "D.1") == 0 ? 1 : strcmp(units[i].code, "D.2") == 0 ? 2
                 : strcmp(units[i].code, "D.3") == 0                                      ? 100
                                                                                          : 0;
    CHECK_INT_EQ("deferred: D.1 and D.2 written, D.3 not", found, 3);
    store_close(s);
    arena_release(&a);
}

int main(void)
{
    const char *tmp = getenv("GIAOBAN_TEST_TMP");
    snprintf(path, sizeof path, "%s/group-commit-%d.db", tmp && *tmp ? tmp : "/tmp",
             (int)getpid());
    struct error e = ERROR_INIT;
    struct store *s;
    /* The schema first, through an ordinary connection. */
    CHECK_INT_EQ("open", store_open(path, &s, &e), 0);
    store_close(s);

    store_set_group_commit(true);
    unsigned long before = store_group_commit_syncs();
    pthread_t th[THREADS];
    for (int t = 0; t < THREADS; t++)
        pthread_create(&th[t], NULL, writer, (void *)(intptr_t)t);
    for (int t = 0; t < THREADS; t++)
        pthread_join(th[t], NULL);
    unsigned long syncs = store_group_commit_syncs() - before;
    CHECK_INT_EQ("every commit succeeded", failures, 0);
    CHECK("at least one sync", syncs >= 1);
    CHECK("never more syncs than commits", syncs <= (unsigned long)THREADS * COMMITS);
    printf("group commit: %d commits, %lu syncs\n", THREADS * COMMITS, syncs);

    /* A read-only transaction makes no sync. */
    CHECK_INT_EQ("open with group commit", store_open(path, &s, &e), 0);
    struct arena a = ARENA_INIT;
    struct unit_rec *units;
    size_t n;
    unsigned long at = store_group_commit_syncs();
    CHECK_INT_EQ("begin", store_begin(s, &e), 0);
    CHECK_INT_EQ("list", store_unit_list(s, &a, &units, &n, &e), 0);
    CHECK_INT_EQ("commit", store_commit(s, &e), 0);
    CHECK_INT_EQ("a read makes no sync", (long long)(store_group_commit_syncs() - at), 0);
    store_close(s);
    store_set_group_commit(false);

    /* Every row is there, read through a fresh ordinary connection. */
    CHECK_INT_EQ("reopen", store_open(path, &s, &e), 0);
    CHECK_INT_EQ("list again", store_unit_list(s, &a, &units, &n, &e), 0);
    CHECK_INT_EQ("all units written", (long long)n, THREADS * COMMITS);
    store_close(s);
    arena_release(&a);
    deferred_sync();
    check_unlink_sqlite(path);
    return check_report();
}

/*
 * tests/store/test_group_commit.c - SQLite group commit (store_set_group_commit): several
 * threads, each with its own connection, commit many small write transactions at once;
 * every one of them is there afterwards, read through a fresh connection, every write
 * commit was covered by a sync (never more syncs than commits, at least one), and a
 * transaction that only read makes no sync.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
    check_unlink_sqlite(path);
    return check_report();
}

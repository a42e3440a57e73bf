//===- capi-client.c - Exercises the mochi-go C API -----------------------===//
//
// Part of mochi-go. Run by test/CAPI/capi.test:
//
//   capi-client DIR INGEST GO
//
// DIR holds app.mochi (one `import go "M@V" as uuid`) and bad/bad.mochi (a
// bad import). Everything the session writes goes below DIR. Prints what
// each call returns and every message delivered, one per line.
//
//===----------------------------------------------------------------------===//

#include "mochi-go-c/Driver.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/// Messages counted by kind; error, warning and note lines printed.
typedef struct Collected {
  int counts[4];
} Collected;

static const char *kindName(MochiGoMessageKind kind) {
  switch (kind) {
  case MochiGoMessageKindError:
    return "error";
  case MochiGoMessageKindWarning:
    return "warning";
  case MochiGoMessageKindNote:
    return "note";
  case MochiGoMessageKindVerbose:
    return "verbose";
  }
  return "?";
}

static void onMessage(MochiGoMessageKind kind, MochiGoStringRef message,
                      void *userData) {
  Collected *collected = (Collected *)userData;
  ++collected->counts[kind];
  if (kind != MochiGoMessageKindVerbose)
    printf("[%s] %.*s\n", kindName(kind), (int)message.length, message.data);
}

/// Collects the chunks of mochiGoExplain's report.
typedef struct Buffer {
  char *data;
  size_t length;
  int chunks;
} Buffer;

static void onChunk(MochiGoStringRef chunk, void *userData) {
  Buffer *buffer = (Buffer *)userData;
  buffer->data = (char *)realloc(buffer->data, buffer->length + chunk.length);
  if (!buffer->data)
    abort();
  memcpy(buffer->data + buffer->length, chunk.data, chunk.length);
  buffer->length += chunk.length;
  ++buffer->chunks;
}

static void printString(const char *label, MochiGoStringRef s) {
  printf("%s: %.*s\n", label, (int)s.length, s.data);
  if (s.data[s.length] != '\0')
    printf("%s: not NUL-terminated\n", label);
}

static int fileExists(MochiGoStringRef path) {
  FILE *f = fopen(path.data, "rb");
  if (!f)
    return 0;
  fclose(f);
  return 1;
}

static void printResult(MochiGoSession session) {
  printString("archive", mochiGoSessionGetArchive(session));
  printString("include", mochiGoSessionGetIncludeDir(session));
  printString("mochi", mochiGoSessionGetMochiDir(session));
  printString("pkgconfig", mochiGoSessionGetPkgConfig(session));
  printString("lock", mochiGoSessionGetLockPath(session));
  printString("cflags", mochiGoSessionGetCFlags(session));
  printString("libs", mochiGoSessionGetLibs(session));
  printf("imports=%ld fetched=%ld bound=%ld built=%d\n",
         (long)mochiGoSessionGetNumImports(session),
         (long)mochiGoSessionGetNumFetched(session),
         (long)mochiGoSessionGetNumBound(session),
         (int)mochiGoSessionGetBuilt(session));
  printf("files: archive=%d pkgconfig=%d lock=%d\n",
         fileExists(mochiGoSessionGetArchive(session)),
         fileExists(mochiGoSessionGetPkgConfig(session)),
         fileExists(mochiGoSessionGetLockPath(session)));
}

/// The `M@V` between the quotes of the first line of `file`.
static char *readImport(const char *file) {
  static char line[512];
  FILE *f = fopen(file, "r");
  if (!f || !fgets(line, sizeof line, f)) {
    fprintf(stderr, "capi-client: cannot read %s\n", file);
    exit(2);
  }
  fclose(f);
  char *start = strchr(line, '"');
  char *end = start ? strchr(start + 1, '"') : NULL;
  if (!end) {
    fprintf(stderr, "capi-client: no import in %s\n", file);
    exit(2);
  }
  *end = '\0';
  return start + 1;
}

static MochiGoStringRef str(const char *s) {
  return mochiGoStringRefCreateFromCString(s);
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: capi-client DIR INGEST GO\n");
    return 2;
  }
  setvbuf(stdout, NULL, _IOLBF, 0);
  const char *dir = argv[1];
  char app[1024], bad[1024], path[1024];
  snprintf(app, sizeof app, "%s/app.mochi", dir);
  snprintf(bad, sizeof bad, "%s/bad/bad.mochi", dir);

  // A null session is refused, and reads as empty.
  MochiGoSession null = {NULL};
  printf("null session: sync=%d archive=%zu\n", mochiGoSync(null, NULL, 0),
         mochiGoSessionGetArchive(null).length);

  MochiGoSession session = mochiGoSessionCreate();
  if (mochiGoSessionIsNull(session)) {
    fprintf(stderr, "capi-client: no session\n");
    return 1;
  }
  Collected collected = {{0, 0, 0, 0}};
  mochiGoSessionSetMessageCallback(session, onMessage, &collected);
  snprintf(path, sizeof path, "%s/cache", dir);
  mochiGoSessionSetCacheDir(session, str(path));
  snprintf(path, sizeof path, "%s/out", dir);
  mochiGoSessionSetOutDir(session, str(path));
  snprintf(path, sizeof path, "%s/mochi.lock", dir);
  mochiGoSessionSetLockPath(session, str(path));
  mochiGoSessionSetIngestCommand(session, str(argv[2]));
  mochiGoSessionSetGoCommand(session, str(argv[3]));
  mochiGoSessionSetJobs(session, 2);
  MochiGoStringRef sources[1] = {str(app)};

  // Before any sync: empty results.
  printf("before sync: archive=%zu imports=%ld\n",
         mochiGoSessionGetArchive(session).length,
         (long)mochiGoSessionGetNumImports(session));

  // The overrides come before the process environment: with GOPROXY=off
  // nothing can be downloaded.
  mochiGoSessionSetEnv(session, str("GOPROXY"), str("off"));
  printf("sync GOPROXY=off: %d\n", mochiGoSync(session, sources, 1));

  // Back to the environment mochi-go-test-servers set up, with two
  // overrides that change nothing here ("" unsets).
  mochiGoSessionClearEnv(session);
  mochiGoSessionSetEnv(session, str("MOCHIGO_LOOPBACK_ONLY"), str("1"));
  mochiGoSessionSetEnv(session, str("GOFLAGS"), str(""));

  // Cold: download, bind, build. Progress is delivered when asked for.
  mochiGoSessionSetVerbose(session, true);
  collected.counts[MochiGoMessageKindVerbose] = 0;
  printf("sync cold: %d\n", mochiGoSync(session, sources, 1));
  printf("verbose messages: %s\n",
         collected.counts[MochiGoMessageKindVerbose] > 0 ? "some" : "none");
  printResult(session);

  // Warm: everything from the cache; no progress without verbose.
  mochiGoSessionSetVerbose(session, false);
  collected.counts[MochiGoMessageKindVerbose] = 0;
  printf("sync warm: %d\n", mochiGoSync(session, sources, 1));
  printf("verbose messages: %s\n",
         collected.counts[MochiGoMessageKindVerbose] > 0 ? "some" : "none");
  printResult(session);

  printf("check: %d\n", mochiGoCheck(session, sources, 1));

  // The version comes from the session's lock.
  Buffer report = {NULL, 0, 0};
  int code =
      mochiGoExplain(session, str("github.com/google/uuid"), onChunk, &report);
  printf("explain: %d\n", code);
  int lines = 0;
  for (size_t i = 0, start = 0; i < report.length && lines < 3; ++i) {
    if (report.data[i] != '\n')
      continue;
    printf("report: %.*s\n", (int)(i - start), report.data + start);
    start = i + 1;
    ++lines;
  }
  free(report.data);

  // One module on its own (bound from the cache).
  snprintf(path, sizeof path, "%s/bind", dir);
  printf("bind: %d\n",
         mochiGoBind(session, str(readImport(app)), str(""), str(path)));

  // A bad import: the error, with its line and column, reaches the callback.
  MochiGoStringRef badSources[1] = {str(bad)};
  collected.counts[MochiGoMessageKindError] = 0;
  code = mochiGoSync(session, badSources, 1);
  printf("sync bad: %d (%s), %d error(s)\n", code,
         code == MOCHIGO_EXIT_SOURCE_ERRORS ? "MOCHIGO_EXIT_SOURCE_ERRORS"
                                            : "unexpected",
         collected.counts[MochiGoMessageKindError]);
  printf("sync negative count: %d\n", mochiGoSync(session, sources, -1));

  mochiGoSessionDestroy(session);
  printf("destroyed\n");
  return 0;
}

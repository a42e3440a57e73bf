/* A C program against the installed libmochi-go-c: syncs one Mochi
 * program and prints what it got.
 *
 *   client APP.mochi CACHE_DIR OUT_DIR GO
 */
#include "mochi-go-c/Driver.h"

#include <stdio.h>

static void onMessage(MochiGoMessageKind kind, MochiGoStringRef message,
                      void *userData) {
  (void)kind;
  (void)userData;
  fprintf(stderr, "%.*s\n", (int)message.length, message.data);
}

static void print(const char *name, MochiGoStringRef s) {
  printf("%s: %.*s\n", name, (int)s.length, s.data);
}

int main(int argc, char **argv) {
  if (argc != 5) {
    fprintf(stderr, "usage: client APP.mochi CACHE_DIR OUT_DIR GO\n");
    return 2;
  }
  MochiGoSession session = mochiGoSessionCreate();
  mochiGoSessionSetCacheDir(session, mochiGoStringRefCreateFromCString(argv[2]));
  mochiGoSessionSetOutDir(session, mochiGoStringRefCreateFromCString(argv[3]));
  mochiGoSessionSetGoCommand(session,
                             mochiGoStringRefCreateFromCString(argv[4]));
  mochiGoSessionSetMessageCallback(session, onMessage, NULL);
  MochiGoStringRef source = mochiGoStringRefCreateFromCString(argv[1]);
  int status = mochiGoSync(session, &source, 1);
  printf("sync: %d\n", status);
  if (status == 0) {
    print("archive", mochiGoSessionGetArchive(session));
    print("pkgconfig", mochiGoSessionGetPkgConfig(session));
    printf("imports=%d bound=%d\n", (int)mochiGoSessionGetNumImports(session),
           (int)mochiGoSessionGetNumBound(session));
  }
  mochiGoSessionDestroy(session);
  return status;
}

/* The file-writing floor: writes the files a manifest lists ("SIZE PATH" per line), with the same sizes and
   folder shape, as fast as plain C can (one open, write and close per file; folders made once). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void make_parents(char *path) {
    for (char *p = path + 1; *p; p++) {
        if (*p == '/') {
            *p = 0;
            if (mkdir(path, 0755) != 0 && errno != EEXIST) { perror(path); exit(2); }
            *p = '/';
        }
    }
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: floor MANIFEST OUTDIR\n"); return 2; }
    FILE *manifest = fopen(argv[1], "r");
    if (!manifest) { perror(argv[1]); return 2; }
    static char buffer[1 << 20];
    memset(buffer, 'x', sizeof buffer);
    char line[8192], path[8192], last_dir[8192] = "";
    long files = 0;
    while (fgets(line, sizeof line, manifest)) {
        long size;
        char name[8000];
        if (sscanf(line, "%ld %7999[^\n]", &size, name) != 2) continue;
        snprintf(path, sizeof path, "%s/%s", argv[2], name);
        char *slash = strrchr(path, '/');
        size_t dir_len = slash - path;
        if (strlen(last_dir) != dir_len || strncmp(last_dir, path, dir_len) != 0) {
            make_parents(path);
            memcpy(last_dir, path, dir_len);
            last_dir[dir_len] = 0;
        }
        int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0) { perror(path); return 2; }
        while (size > 0) {
            long n = size < (long)sizeof buffer ? size : (long)sizeof buffer;
            if (write(fd, buffer, n) != n) { perror(path); return 2; }
            size -= n;
        }
        close(fd);
        files++;
    }
    printf("%ld files\n", files);
    return 0;
}

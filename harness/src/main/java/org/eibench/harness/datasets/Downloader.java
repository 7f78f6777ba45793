package org.eibench.harness.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads one URL to a file over HTTP(S), resumably: bytes go to {@code FILE.part}, a dropped connection is retried
 * with {@code Range: bytes=N-} from where the part ends (up to {@code retries} times within one call, with a growing
 * pause), and a part left by an interrupted run is continued by the next run. The part becomes {@code FILE} once it
 * has every byte. Redirects are followed (at most 5, never from https to http); a client error (404, 403, ...) fails
 * at once with the status and the URL.
 */
final class Downloader {

    static final int MAX_REDIRECTS = 5;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(?:(\\d+)-(\\d+)|\\*)/(\\d+|\\*)");

    record Settings(int retries, long pauseMillis, int connectTimeoutMillis, int readTimeoutMillis, Map<String, String> env,
                    String userAgent) {
        static Settings defaults(Map<String, String> env, String userAgent) {
            return new Settings(5, 2000, 30_000, 60_000, env, userAgent);
        }
    }

    private final Settings settings;
    private final PrintStream progress;

    Downloader(Settings settings, PrintStream progress) {
        this.settings = settings;
        this.progress = progress;
    }

    static Path partOf(Path target) {
        return target.resolveSibling(target.getFileName() + ".part");
    }

    /**
     * Downloads {@code url} to {@code target} (which must not exist yet).
     *
     * @param expectedBytes the size the registry gives, or -1
     */
    void download(String url, Path target, long expectedBytes) throws DataException {
        Path part = partOf(target);
        int failures = 0;
        while (true) {
            try {
                long have = Files.exists(part) ? Files.size(part) : 0;
                if (expectedBytes >= 0 && have == expectedBytes && have > 0) {
                    Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
                    return;
                }
                if (expectedBytes >= 0 && have > expectedBytes) {
                    Files.delete(part);
                    have = 0;
                }
                if (attempt(url, part, have, expectedBytes)) {
                    Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
                    return;
                }
            } catch (Interrupted e) {
                failures++;
                if (failures > settings.retries()) {
                    long have = sizeOrZero(part);
                    throw new DataException("download of " + url + " stopped " + failures + " times (" + e.getMessage()
                            + "); " + DownloadProgress.mb(have) + " are kept in " + part
                            + ": run the same command again to resume", e);
                }
                pause(failures);
            } catch (IOException e) {
                throw new DataException("download of " + url + " to " + part + " failed: " + e, e);
            }
        }
    }

    /** A connection that broke or stalled: retried with a Range request. */
    private static final class Interrupted extends IOException {
        private static final long serialVersionUID = 1L;

        Interrupted(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** One request; true when the part is complete. */
    private boolean attempt(String url, Path part, long have, long expectedBytes) throws IOException, DataException {
        HttpURLConnection c = open(url, have);
        try {
            int code;
            try {
                code = c.getResponseCode();
            } catch (IOException e) {
                throw new Interrupted("no response: " + e.getMessage(), e);
            }
            long total;
            boolean append;
            if (code == 416) {
                // Range not satisfiable: the part may already hold every byte.
                long size = total(c.getHeaderField("Content-Range"));
                if (size >= 0 && size == have) {
                    return true;
                }
                Files.deleteIfExists(part);
                throw new Interrupted("the server refused to resume at byte " + have + "; starting over", null);
            } else if (code == 206) {
                Matcher m = CONTENT_RANGE.matcher(String.valueOf(c.getHeaderField("Content-Range")));
                if (!m.matches() || m.group(1) == null || Long.parseLong(m.group(1)) != have) {
                    Files.deleteIfExists(part);
                    throw new Interrupted("the server resumed at another byte than " + have + "; starting over", null);
                }
                total = "*".equals(m.group(3)) ? -1 : Long.parseLong(m.group(3));
                append = true;
            } else if (code == 200) {
                // The server ignored the Range header (or there was none): the part starts over.
                total = c.getContentLengthLong();
                append = false;
                have = 0;
            } else if (code >= 500) {
                throw new Interrupted("HTTP " + code + " " + String.valueOf(c.getResponseMessage()), null);
            } else {
                throw new DataException("HTTP " + code + " " + String.valueOf(c.getResponseMessage()).trim() + " for " + url
                        + (code == 404 ? ": the file is not there (the registry's URL may be out of date)" : "")
                        + (code == 401 || code == 403 ? ": the server wants a login or a browser; download the file "
                        + "yourself and give it with --from" : ""));
            }
            if (expectedBytes >= 0 && total >= 0 && total != expectedBytes) {
                throw new DataException(url + " is " + total + " bytes, the registry says " + expectedBytes
                        + ": the source has changed (nothing was kept)");
            }
            long done = have;
            try (InputStream in = c.getInputStream();
                 OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE,
                         append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
                 DownloadProgress p = DownloadProgress.open(progress, part.getFileName().toString().replace(".part", ""),
                         have, total)) {
                byte[] buf = new byte[1 << 16];
                try {
                    for (int n; (n = in.read(buf)) > 0; ) {
                        out.write(buf, 0, n);
                        done += n;
                        p.at(done);
                    }
                } catch (IOException e) {
                    out.flush();
                    throw new Interrupted("connection lost at byte " + done + ": " + e.getMessage(), e);
                }
            }
            if (total >= 0 && done < total) {
                throw new Interrupted("connection closed at byte " + done + " of " + total, null);
            }
            if (total >= 0 && done > total) {
                Files.deleteIfExists(part);
                throw new DataException(url + " sent " + done + " bytes where it announced " + total + " (nothing was kept)");
            }
            return true;
        } finally {
            c.disconnect();
        }
    }

    private HttpURLConnection open(String url, long from) throws IOException, DataException {
        URI uri = URI.create(url);
        for (int hop = 0; ; hop++) {
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
                throw new DataException("not an http(s) URL: " + uri);
            }
            Proxy proxy = Proxies.forUri(uri, settings.env());
            HttpURLConnection c;
            try {
                c = (HttpURLConnection) uri.toURL().openConnection(proxy);
                c.setInstanceFollowRedirects(false);
                c.setConnectTimeout(settings.connectTimeoutMillis());
                c.setReadTimeout(settings.readTimeoutMillis());
                c.setRequestProperty("User-Agent", settings.userAgent());
                c.setRequestProperty("Accept-Encoding", "identity");
                if (from > 0) {
                    c.setRequestProperty("Range", "bytes=" + from + "-");
                }
                int code = c.getResponseCode();
                if (code < 300 || code > 308 || code == 304 || code == 305 || code == 306) {
                    return c;
                }
                String location = c.getHeaderField("Location");
                c.disconnect();
                if (location == null) {
                    throw new DataException("HTTP " + code + " without a Location for " + uri);
                }
                URI next = uri.resolve(location);
                if ("https".equalsIgnoreCase(uri.getScheme()) && "http".equalsIgnoreCase(next.getScheme())) {
                    throw new DataException("refusing the redirect from " + uri + " to " + next + " (https to http)");
                }
                if (hop + 1 > MAX_REDIRECTS) {
                    throw new DataException("more than " + MAX_REDIRECTS + " redirects from " + url);
                }
                uri = next;
            } catch (java.net.UnknownHostException e) {
                throw new DataException("cannot resolve " + e.getMessage() + " for " + uri
                        + " (no network, or a proxy is needed: HTTPS_PROXY or -Dhttps.proxyHost)", e);
            } catch (IOException e) {
                // Refused, timed out, reset before the headers: worth another try.
                throw new Interrupted("no response from " + uri + ": " + e, e);
            }
        }
    }

    private static long total(String contentRange) {
        Matcher m = CONTENT_RANGE.matcher(String.valueOf(contentRange));
        return m.matches() && !"*".equals(m.group(3)) ? Long.parseLong(m.group(3)) : -1;
    }

    private void pause(int failures) {
        long millis = settings.pauseMillis() * (1L << Math.min(failures - 1, 4));
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long sizeOrZero(Path p) {
        try {
            return Files.exists(p) ? Files.size(p) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}

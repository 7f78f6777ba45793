package org.eibench.harness.datasets;

/**
 * One file of a dataset's release.
 *
 * @param url          the canonical public URL (for a browser-only source: the page it is downloaded from)
 * @param file         the file name it is saved under
 * @param bytes        its size, or -1 when not known
 * @param sha256       its SHA-256 (lower-case hex), or null when not known here: the first fetch records it
 * @param checksumFrom where the registry's SHA-256 was published (null when there is none)
 * @param access       {@code DIRECT} (plain HTTP GET) or {@code BROWSER} (a login, a cloud drive or a form)
 * @param how          for a browser source: what to download there
 */
public record Source(String url, String file, long bytes, String sha256, String checksumFrom, Access access, String how) {

    public enum Access { DIRECT, BROWSER }

    public boolean checksumKnown() {
        return sha256 != null;
    }
}

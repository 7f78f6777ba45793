package org.eibench.harness.datasets;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The proxy for a download. Java's own settings come first ({@code https.proxyHost}/{@code http.proxyHost} and their
 * ports, {@code http.nonProxyHosts}, {@code java.net.useSystemProxies}); when they name none, the environment
 * variables that curl, wget and pip read: {@code HTTPS_PROXY} / {@code HTTP_PROXY} (or lower case) and
 * {@code NO_PROXY} (comma-separated host names or domain suffixes, {@code *} for all).
 */
final class Proxies {

    private Proxies() {
    }

    static Proxy forUri(URI uri, Map<String, String> env) throws DataException {
        List<Proxy> fromJava = ProxySelector.getDefault() == null ? List.of() : ProxySelector.getDefault().select(uri);
        if (!fromJava.isEmpty() && fromJava.get(0).type() != Proxy.Type.DIRECT) {
            return fromJava.get(0);
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        String name = https ? "HTTPS_PROXY" : "HTTP_PROXY";
        String value = firstSet(env, name, name.toLowerCase(Locale.ROOT));
        if (value == null || bypassed(uri.getHost(), firstSet(env, "NO_PROXY", "no_proxy"))) {
            return Proxy.NO_PROXY;
        }
        URI p;
        try {
            p = URI.create(value.contains("://") ? value : "http://" + value);
        } catch (IllegalArgumentException e) {
            throw new DataException(name + "=" + value + " is not a proxy URL (http://host:port)");
        }
        if (p.getHost() == null) {
            throw new DataException(name + "=" + value + " is not a proxy URL (http://host:port)");
        }
        if (p.getUserInfo() != null) {
            // Java does not send Basic credentials through HTTPS tunnels unless a JVM-wide setting is changed.
            throw new DataException(name + " has credentials (user:password@), which eibench data fetch does not send; "
                    + "use a proxy without a login, or download the file yourself and give it with --from");
        }
        int port = p.getPort() > 0 ? p.getPort() : "https".equalsIgnoreCase(p.getScheme()) ? 443 : 80;
        return new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(p.getHost(), port));
    }

    static boolean bypassed(String host, String noProxy) {
        if (noProxy == null || host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        for (String raw : noProxy.split(",")) {
            String e = raw.trim().toLowerCase(Locale.ROOT);
            if (e.isEmpty()) {
                continue;
            }
            if (e.equals("*")) {
                return true;
            }
            String suffix = e.startsWith(".") ? e : "." + e;
            if (h.equals(e.startsWith(".") ? e.substring(1) : e) || h.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    private static String firstSet(Map<String, String> env, String... names) {
        for (String n : names) {
            String v = env.get(n);
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }
}

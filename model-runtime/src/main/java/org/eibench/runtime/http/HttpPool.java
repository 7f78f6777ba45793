package org.eibench.runtime.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

import org.eibench.runtime.Capabilities;
import org.eibench.runtime.ModelInfo;
import org.eibench.runtime.ModelRuntime;
import org.eibench.runtime.ModelSpecException;
import org.eibench.runtime.Output;
import org.eibench.runtime.Request;

/**
 * Several servers of one checkpoint as one model: {@code http://h1:8000|http://h2:8000[,options]} (a '|' between
 * URLs, since a comma already separates models and options). Every endpoint must report the same model and version
 * (they are the run's identity). A batch is spread over the live endpoints in turn, each with the spec's batch and
 * concurrency. When an endpoint's requests fail, its health is checked: if /v1/health no longer answers, the endpoint
 * is marked dead and those requests go to the others; if it answers, the failures were the samples' own and stand,
 * as with one server. A dead endpoint is checked again every {@link #RECHECK_NANOS} and rejoins when healthy.
 */
public final class HttpPool implements ModelRuntime {

    /** Separates the URLs of a pool in a model spec. */
    public static final String SEPARATOR = "|";
    static final long RECHECK_NANOS = 30_000_000_000L;

    /** One server of the pool; {@code deadSince} is 0 while it is live. */
    private static final class Endpoint {
        final HttpModel model;
        final Transport transport;
        long deadSince;
        String why;

        Endpoint(HttpModel model, Transport transport) {
            this.model = model;
            this.transport = transport;
        }
    }

    private final List<Endpoint> endpoints;
    private final ModelInfo info;
    private final int perEndpoint;
    private final ExecutorService pool;
    private int next;

    private HttpPool(List<Endpoint> endpoints, ModelInfo info, int perEndpoint) {
        this.endpoints = endpoints;
        this.info = info;
        this.perEndpoint = perEndpoint;
        this.pool = Executors.newFixedThreadPool(endpoints.size(), r -> {
            Thread t = new Thread(r, "eibench-http-pool");
            t.setDaemon(true);
            return t;
        });
    }

    /** Whether a spec's name is a pool. */
    public static boolean isPool(String name) {
        return name.contains(SEPARATOR);
    }

    /** Opens every endpoint (each must be healthy now and serve the same model and version). */
    public static HttpPool open(List<HttpSettings> members) throws ModelSpecException {
        return open(members, System.getenv(HttpModel.TOKEN_ENV), Transport.realSleep());
    }

    static HttpPool open(List<HttpSettings> members, String token, LongConsumer sleeper) throws ModelSpecException {
        if (members.size() < 2) {
            throw new ModelSpecException("an HTTP pool needs two URLs or more, joined by '" + SEPARATOR + "'");
        }
        List<Endpoint> eps = new ArrayList<>();
        try {
            for (HttpSettings s : members) {
                HttpModel m = HttpModel.open(s, token, sleeper);
                Endpoint first = eps.isEmpty() ? null : eps.get(0);
                if (first != null && !first.model.info().checksum().equals(m.info().checksum())) {
                    m.close();
                    throw new ModelSpecException("HTTP pool: " + s.base() + " serves " + m.info().checksum() + " but "
                            + first.model.settingsBase() + " serves " + first.model.info().checksum()
                            + "; a pool's servers must serve the same checkpoint");
                }
                eps.add(new Endpoint(m, new Transport(s, token, sleeper)));
            }
        } catch (ModelSpecException e) {
            eps.forEach(ep -> ep.model.close());
            throw e;
        }
        ModelInfo one = eps.get(0).model.info();
        Map<String, Object> details = new LinkedHashMap<>(one.details());
        details.remove("url");
        details.put("urls", members.stream().map(s -> s.base().toString()).toList());
        HttpSettings s = members.get(0);
        ModelInfo info = new ModelInfo(one.id(), one.checksum(), one.device(), details,
                Capabilities.withHints(s.hints()));
        return new HttpPool(eps, info, s.batch() * s.concurrency());
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public int maxBatchSize() {
        return perEndpoint * endpoints.size();
    }

    @Override
    public List<Output> generate(List<Request> batch) {
        Map<String, Output> done = new LinkedHashMap<>();
        List<Request> left = batch;
        // Each round either finishes requests or takes an endpoint out, so there are at most endpoints + 1 rounds.
        for (int round = 0; round <= endpoints.size() && !left.isEmpty(); round++) {
            List<Endpoint> live = live();
            if (live.isEmpty()) {
                String reason = "http pool: no live endpoint (" + deadReasons() + ")";
                left.forEach(r -> done.put(r.id(), new Output.Failed(r.id(), reason)));
                break;
            }
            left = round(left, live, done);
        }
        List<Output> out = new ArrayList<>(batch.size());
        for (Request r : batch) {
            out.add(Objects.requireNonNull(done.get(r.id()), r.id()));
        }
        return out;
    }

    /** Sends the requests spread over the live endpoints; returns those of endpoints found dead, to send again. */
    private List<Request> round(List<Request> requests, List<Endpoint> live, Map<String, Output> done) {
        Map<Endpoint, List<Request>> share = new LinkedHashMap<>();
        for (int i = 0; i < requests.size(); i += perEndpoint) {
            Endpoint ep = live.get(next++ % live.size());
            share.computeIfAbsent(ep, k -> new ArrayList<>())
                    .addAll(requests.subList(i, Math.min(requests.size(), i + perEndpoint)));
        }
        Map<Endpoint, Future<List<Output>>> futures = new LinkedHashMap<>();
        share.forEach((ep, rs) -> futures.put(ep, pool.submit(() -> ep.model.generate(rs))));
        List<Request> again = new ArrayList<>();
        for (Map.Entry<Endpoint, Future<List<Output>>> f : futures.entrySet()) {
            Endpoint ep = f.getKey();
            List<Request> rs = share.get(ep);
            List<Output> outs;
            try {
                outs = f.getValue().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                rs.forEach(r -> done.put(r.id(), new Output.Failed(r.id(), "http: interrupted")));
                continue;
            } catch (ExecutionException e) {
                outs = rs.stream().<Output>map(r -> new Output.Failed(r.id(), "http: client error: " + e.getCause()))
                        .toList();
            }
            boolean failures = outs.stream().anyMatch(o -> o instanceof Output.Failed);
            if (failures && !healthy(ep)) {
                again.addAll(rs);
                continue;
            }
            for (int i = 0; i < rs.size(); i++) {
                done.put(rs.get(i).id(), outs.get(i));
            }
        }
        return again;
    }

    /** Checks an endpoint that failed requests; a dead one is marked so. */
    private boolean healthy(Endpoint ep) {
        HttpModel.Health h = HttpModel.health(ep.transport);
        String problem = h.problem() != null ? h.problem()
                : !info.checksum().equals("server:" + h.model() + "@" + h.version())
                ? "now serves " + h.model() + "@" + h.version() : null;
        if (problem == null) {
            return true;
        }
        ep.deadSince = System.nanoTime();
        ep.why = problem;
        System.err.println("eibench: HTTP pool: " + ep.model.settingsBase() + " is down (" + problem
                + "); its requests go to the other servers");
        return false;
    }

    /** The live endpoints, after giving those dead for a while another health check. */
    private List<Endpoint> live() {
        List<Endpoint> out = new ArrayList<>();
        for (Endpoint ep : endpoints) {
            if (ep.deadSince != 0 && System.nanoTime() - ep.deadSince >= RECHECK_NANOS) {
                HttpModel.Health h = HttpModel.health(ep.transport);
                if (h.problem() == null && info.checksum().equals("server:" + h.model() + "@" + h.version())) {
                    ep.deadSince = 0;
                    ep.why = null;
                    System.err.println("eibench: HTTP pool: " + ep.model.settingsBase() + " is back");
                } else {
                    ep.deadSince = System.nanoTime();
                }
            }
            if (ep.deadSince == 0) {
                out.add(ep);
            }
        }
        return out;
    }

    private String deadReasons() {
        List<String> r = new ArrayList<>();
        endpoints.forEach(ep -> r.add(ep.model.settingsBase() + ": " + ep.why));
        return String.join("; ", r);
    }

    @Override
    public void close() {
        pool.shutdownNow();
        endpoints.forEach(ep -> ep.model.close());
    }
}

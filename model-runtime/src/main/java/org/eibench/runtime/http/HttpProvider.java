package org.eibench.runtime.http;

import java.util.List;
import java.util.Optional;

import org.eibench.runtime.ModelContext;
import org.eibench.runtime.ModelDescriptor;
import org.eibench.runtime.ModelProvider;
import org.eibench.runtime.ModelRuntime;
import org.eibench.runtime.ModelSpec;
import org.eibench.runtime.ModelSpecException;

/**
 * {@code http://HOST:PORT[,batch=N][,concurrency=N][,timeout=S][,retries=N][,backoff_ms=MS]} (docs/serving.md), or a
 * pool of servers of one checkpoint, {@code http://H1:P1|http://H2:P2[,options]} ({@link HttpPool}).
 */
public final class HttpProvider implements ModelProvider {

    @Override
    public List<ModelDescriptor> models(ModelContext context) {
        return List.of();
    }

    @Override
    public List<String> specForms() {
        return List.of("http://HOST:PORT[,batch=N][,concurrency=N][,timeout=S][,retries=N] for a model served over HTTP "
                + "(docs/serving.md)");
    }

    @Override
    public Optional<ModelRuntime> open(ModelSpec spec, ModelContext context) throws ModelSpecException {
        if (!spec.name().startsWith("http://") && !spec.name().startsWith("https://")) {
            return Optional.empty();
        }
        if (HttpPool.isPool(spec.name())) {
            List<HttpSettings> members = new java.util.ArrayList<>();
            for (String url : spec.name().split(java.util.regex.Pattern.quote(HttpPool.SEPARATOR))) {
                members.add(HttpSettings.parse(new ModelSpec(spec.raw(), url.strip(), spec.options())));
            }
            return Optional.of(HttpPool.open(members));
        }
        return Optional.of(HttpModel.open(HttpSettings.parse(spec)));
    }
}

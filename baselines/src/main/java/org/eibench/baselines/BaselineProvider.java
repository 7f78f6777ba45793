package org.eibench.baselines;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.eibench.runtime.ModelContext;
import org.eibench.runtime.ModelDescriptor;
import org.eibench.runtime.ModelProvider;
import org.eibench.runtime.ModelRuntime;
import org.eibench.runtime.ModelSpec;
import org.eibench.runtime.ModelSpecException;
import org.eibench.runtime.onnx.ModelCard;
import org.eibench.runtime.onnx.OnnxProvider;

/** Checkpoint-free baselines and the bundled specialist ONNX models (cards in this module's resources). */
public final class BaselineProvider implements ModelProvider {

    /** Bundled specialist cards, by model name. */
    static final List<String> SPECIALISTS = List.of("dncnn-s25", "dncnn3", "espcn-x2", "espcn-x3", "espcn-x4",
            "fsrcnn-x2", "fsrcnn-x3", "fsrcnn-x4", "pytorch-sr-x3", "ppocr-v4-det");

    @Override
    public List<ModelDescriptor> models(ModelContext context) {
        List<ModelDescriptor> list = new ArrayList<>();
        list.add(new ModelDescriptor("identity", "returns the input (resized bicubically to the target size): the floor", Set.of("*")));
        list.add(new ModelDescriptor("oracle", "returns the ground truth in output-image space: the ceiling check", Set.of("*")));
        list.add(new ModelDescriptor("bicubic", "MATLAB-compatible bicubic upscaling to the target size: the SR floor", Set.of("restoration")));
        for (ClassicalMethod m : ClassicalModel.METHODS) {
            list.add(new ModelDescriptor(m.name(), m.description(), m.kinds()));
        }
        for (ModelCard card : cards().values()) {
            list.add(new ModelDescriptor(card.id(), card.description(), Set.copyOf(card.kinds())));
        }
        return list;
    }

    @Override
    public Optional<ModelRuntime> open(ModelSpec spec, ModelContext context) throws ModelSpecException {
        switch (spec.name()) {
            case "identity":
                requireNoOptions(spec);
                return Optional.of(new IdentityModel());
            case "oracle":
                requireNoOptions(spec);
                return Optional.of(new OracleModel());
            case "bicubic":
                requireNoOptions(spec);
                return Optional.of(new BicubicModel());
            default:
                ClassicalMethod method = ClassicalModel.method(spec.name());
                if (method != null) {
                    return Optional.of(new ClassicalModel(method, spec.options(), context.dataDir()));
                }
                ModelCard card = cards().get(spec.name());
                return card == null ? Optional.empty() : Optional.of(OnnxProvider.openCard(card, null, spec, context));
        }
    }

    private static void requireNoOptions(ModelSpec spec) throws ModelSpecException {
        if (!spec.options().isEmpty()) {
            throw new ModelSpecException("model '" + spec.name() + "' takes no options: " + spec.raw());
        }
    }

    static Map<String, ModelCard> cards() {
        Map<String, ModelCard> cards = new LinkedHashMap<>();
        for (String name : SPECIALISTS) {
            String resource = "cards/" + name + ".yaml";
            try (InputStream in = BaselineProvider.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing bundled card " + resource);
                }
                cards.put(name, ModelCard.parse(in, resource));
            } catch (IOException e) {
                throw new IllegalStateException("bundled card " + resource + " is invalid: " + e.getMessage(), e);
            }
        }
        return cards;
    }
}

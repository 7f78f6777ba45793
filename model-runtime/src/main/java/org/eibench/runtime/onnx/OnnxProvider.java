package org.eibench.runtime.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.eibench.runtime.ModelContext;
import org.eibench.runtime.ModelDescriptor;
import org.eibench.runtime.ModelProvider;
import org.eibench.runtime.ModelRuntime;
import org.eibench.runtime.ModelSpec;
import org.eibench.runtime.ModelSpecException;

/**
 * {@code onnx:PATH[,device=cpu|cuda][,threads=N][,fallback=cpu]}: PATH is a model card (.yaml) or an .onnx file with
 * its card beside it ({@code model.onnx} -> {@code model.yaml}).
 */
public final class OnnxProvider implements ModelProvider {

    @Override
    public List<ModelDescriptor> models(ModelContext context) {
        return List.of();
    }

    @Override
    public List<String> specForms() {
        return List.of("onnx:PATH[,device=cpu|cuda][,threads=N][,fallback=cpu] for an ONNX model with a card (docs/models.md)");
    }

    @Override
    public Optional<ModelRuntime> open(ModelSpec spec, ModelContext context) throws ModelSpecException {
        if (!spec.name().startsWith("onnx:")) {
            return Optional.empty();
        }
        Path path = Path.of(spec.name().substring("onnx:".length()));
        boolean onnxFile = path.toString().endsWith(".onnx");
        if (onnxFile && !Files.isRegularFile(path)) {
            // The file the user named comes first: a missing card beside a missing file is not the problem.
            throw new ModelSpecException("model file " + path + " not found" + (Files.exists(path) ? " (it is not a file)" : ""));
        }
        Path cardPath = onnxFile ? path.resolveSibling(path.getFileName().toString().replaceFirst("\\.onnx$", ".yaml")) : path;
        if (!Files.isRegularFile(cardPath)) {
            throw new ModelSpecException(onnxFile ? "no model card " + cardPath + " beside " + path + " (see docs/models.md)"
                    : "model card " + path + " not found (onnx:PATH takes an .onnx file with its .yaml card beside it, or the card)");
        }
        try {
            ModelCard card = ModelCard.read(cardPath);
            return Optional.of(openCard(card, cardPath.toAbsolutePath().getParent(), spec, context));
        } catch (IOException e) {
            throw new ModelSpecException(e.getMessage(), e);
        }
    }

    /** Opens a card with the spec's device options; shared with the bundled specialist models. */
    public static OnnxModel openCard(ModelCard card, Path cardDir, ModelSpec spec, ModelContext context)
            throws ModelSpecException {
        int threads;
        try {
            threads = Integer.parseInt(spec.option("threads", "1"));
        } catch (NumberFormatException e) {
            throw new ModelSpecException("threads must be a whole number in '" + spec.raw() + "'");
        }
        for (String key : spec.options().keySet()) {
            if (!List.of("device", "threads", "fallback").contains(key)) {
                throw new ModelSpecException("unknown option '" + key + "' in '" + spec.raw() + "'; ONNX models take device, threads, fallback");
            }
        }
        String fallback = spec.option("fallback", "none");
        if (!List.of("cpu", "none").contains(fallback)) {
            throw new ModelSpecException("fallback must be cpu or none, not '" + fallback + "'");
        }
        Path vocab = card.text() == null ? null : ModelCard.resolve(card.text().vocab(), cardDir, context.dataDir());
        return OnnxModel.open(card, card.resolveFile(cardDir, context.dataDir()), vocab, spec.option("device", "cpu"),
                context.cudaDevice() == null ? 0 : context.cudaDevice(), threads, "cpu".equals(fallback));
    }
}

package org.eibench.runtime.onnx;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The published weight files whose SHA-256 lets a result carry a protocol's own name. A network exported from other
 * weights (torchvision's Inception, a retrained LPIPS) measures something else, so its results are named after its
 * card instead ({@code fd_<id>}, {@code kd_<id>}, {@code pd_<id>}). Checksums and where they were read:
 * docs/metrics-generation.md.
 */
public final class KnownWeights {

    /** One published file. */
    public record Weights(String sha256, String file, String url, String what) {
    }

    /** pytorch-fid's Inception (TF 2015-12-05 weights ported), also redistributed by torch-fidelity. */
    public static final Weights PYTORCH_FID_INCEPTION = new Weights(
            "6726825d0af5f729cebd5821db510b11b1cfad8faad88a03f1befd49fb9129b2", "pt_inception-2015-12-05-6726825d.pth",
            "https://github.com/mseitzer/pytorch-fid/releases/download/fid_weights/pt_inception-2015-12-05-6726825d.pth",
            "FID Inception v3 (pytorch-fid src/pytorch_fid/inception.py FID_WEIGHTS_URL)");

    /** LPIPS v0.1 linear heads for AlexNet (richzhang/PerceptualSimilarity lpips/weights/v0.1/alex.pth). */
    public static final Weights LPIPS_ALEX_V01 = new Weights(
            "df73285e35b22355a2df87cdb6b70b343713b667eddbda73e1977e0c860835c0", "alex.pth",
            "https://github.com/richzhang/PerceptualSimilarity/raw/master/lpips/weights/v0.1/alex.pth",
            "LPIPS v0.1 linear calibration for AlexNet");

    /** torchvision's ImageNet AlexNet, the backbone LPIPS (alex) loads. */
    public static final Weights TORCHVISION_ALEXNET = new Weights(
            "7be5be791159472b1fbf3c69796f7cb30dca7ad8466c2df70058c37116cdee02", "alexnet-owt-7be5be79.pth",
            "https://download.pytorch.org/models/alexnet-owt-7be5be79.pth", "torchvision AlexNet (IMAGENET1K_V1)");

    /** OpenAI CLIP ViT-B/32; the SHA-256 is the folder of its URL, which clip.py's _download checks (clip/clip.py line 36). */
    public static final Weights OPENAI_CLIP_VIT_B_32 = new Weights(
            "40d365715913c9da98579312b702a82c18be219cc2a73407c4526f58eba950af", "ViT-B-32.pt",
            "https://openaipublic.azureedge.net/clip/models/40d365715913c9da98579312b702a82c18be219cc2a73407c4526f58eba950af/ViT-B-32.pt",
            "OpenAI CLIP ViT-B/32 (clip/clip.py _MODELS)");

    /** OpenAI CLIP ViT-L/14, torchmetrics CLIPScore's default model (clip/clip.py line 38). */
    public static final Weights OPENAI_CLIP_VIT_L_14 = new Weights(
            "b8cca3fd41ae0c99ba7e8951adf17d267cdb84cd88be6f7c2e0eca1737a03836", "ViT-L-14.pt",
            "https://openaipublic.azureedge.net/clip/models/b8cca3fd41ae0c99ba7e8951adf17d267cdb84cd88be6f7c2e0eca1737a03836/ViT-L-14.pt",
            "OpenAI CLIP ViT-L/14 (clip/clip.py _MODELS)");

    /** CLIP's BPE merges, clip/bpe_simple_vocab_16e6.txt.gz of openai/CLIP (SHA-256 of that file at commit d05afc4). */
    public static final Weights OPENAI_CLIP_MERGES = new Weights(
            "924691ac288e54409236115652ad4aa250f48203de50a9e4722a6ecd48d6804a", "bpe_simple_vocab_16e6.txt.gz",
            "https://github.com/openai/CLIP/raw/main/clip/bpe_simple_vocab_16e6.txt.gz", "OpenAI CLIP BPE merges");

    public static final List<Weights> ALL = List.of(PYTORCH_FID_INCEPTION, LPIPS_ALEX_V01, TORCHVISION_ALEXNET,
            OPENAI_CLIP_VIT_B_32, OPENAI_CLIP_VIT_L_14, OPENAI_CLIP_MERGES);

    private KnownWeights() {
    }

    /**
     * The protocol name a network exported from exactly these weights earns: {@code fid} (features) for pytorch-fid's
     * Inception, {@code lpips} (pair) for LPIPS alex v0.1 with its torchvision backbone; null otherwise.
     */
    public static String protocolName(EvaluatorCard.Type type, Set<String> sourceSha256) {
        if (type == EvaluatorCard.Type.FEATURES && sourceSha256.equals(Set.of(PYTORCH_FID_INCEPTION.sha256()))) {
            return "fid";
        }
        if (type == EvaluatorCard.Type.PAIR
                && sourceSha256.equals(Set.of(LPIPS_ALEX_V01.sha256(), TORCHVISION_ALEXNET.sha256()))) {
            return "lpips";
        }
        return null;
    }

    /**
     * The name a CLIP card earns: {@code clip_score_vit_b_32} or {@code clip_score_vit_l_14} when its only source is
     * that OpenAI checkpoint and its tokenizer reads CLIP's own merges file; null otherwise. CLIP scores of different
     * backbones differ by several points, so the backbone is part of the name.
     */
    public static String clipName(Set<String> sourceSha256, String mergesSha256) {
        if (!OPENAI_CLIP_MERGES.sha256().equals(mergesSha256)) {
            return null;
        }
        if (sourceSha256.equals(Set.of(OPENAI_CLIP_VIT_B_32.sha256()))) {
            return "clip_score_vit_b_32";
        }
        if (sourceSha256.equals(Set.of(OPENAI_CLIP_VIT_L_14.sha256()))) {
            return "clip_score_vit_l_14";
        }
        return null;
    }

    static Map<String, Weights> bySha() {
        Map<String, Weights> m = new java.util.LinkedHashMap<>();
        ALL.forEach(w -> m.put(w.sha256(), w));
        return m;
    }
}

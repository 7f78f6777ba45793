package org.eibench.tasks.decode;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** torch.nn.functional.interpolate(mode='bilinear', align_corners=False) values, as torch prints them. */
class TorchBilinearTest {

    @Test
    void upsamplesTwoByTwoAsTorch() {
        // F.interpolate(torch.tensor([[1., 2.], [3., 4.]])[None, None], size=[4, 4], mode='bilinear')
        double[] out = TorchBilinear.resize(new double[] {1, 2, 3, 4}, 2, 2, 1, 4, 4);
        assertThat(out).containsExactly(1, 1.25, 1.75, 2, 1.5, 1.75, 2.25, 2.5, 2.5, 2.75, 3.25, 3.5, 3, 3.25, 3.75, 4);
    }

    @Test
    void halvingAveragesPairsAndEqualSizesCopy() {
        double[] in = {1, 3, 5, 7, 2, 4, 6, 8};
        assertThat(TorchBilinear.resize(in, 4, 2, 1, 2, 1)).containsExactly(2.5, 6.5);
        assertThat(TorchBilinear.resize(in, 4, 2, 1, 4, 2)).containsExactly(in);
        // channels are interleaved and independent
        double[] rgb = {1, 10, 100, 3, 30, 300};
        assertThat(TorchBilinear.resize(rgb, 2, 1, 3, 1, 1)).containsExactly(2, 20, 200);
    }
}

"""Unit tests of the reference server's pure parts (run by PythonServerTest, or: python3 -m unittest here)."""

import base64
import json
import unittest

import eibench_server as s

PNG_1x1 = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC")


class CropGeometry(unittest.TestCase):

    def test_448_has_43_crop_sizes_of_about_448_squared(self):
        sizes = s.crop_size_list(448)
        self.assertEqual(len(sizes), 43)
        self.assertIn((448, 448), sizes)
        self.assertEqual(sizes[0], (896, 224))
        self.assertTrue(all(w % 32 == 0 and h % 32 == 0 and w * h <= 448 * 448 for w, h in sizes))

    def test_nyu_640x480_maps_exactly(self):
        g = s.uvt_geometry(640, 480, seed=0)
        self.assertEqual(g["crop"], (512, 384))
        self.assertEqual(g["resized"], (512, 384))
        self.assertEqual(g["box_original"], (0.0, 0.0, 640.0, 480.0))

    def test_rain100l_481x321_is_upscaled_and_loses_about_14_columns(self):
        # (480, 320) is not a candidate: the list keeps only the largest height for each width.
        g = s.uvt_geometry(481, 321, seed=3)
        self.assertEqual(g["crop"], (512, 352))
        self.assertEqual(g["resized"], (527, 352))
        x0, y0, x1, y1 = g["box_original"]
        self.assertAlmostEqual(x1 - x0, 512 * 481 / 527)
        self.assertEqual((y0, y1), (0.0, 321.0))

    def test_large_images_are_halved_with_box_first(self):
        g = s.uvt_geometry(2000, 2000, seed=1)
        self.assertEqual(g["crop"], (448, 448))
        self.assertEqual(g["resized"], (448, 448))  # 2000 -> 1000 -> 500, then bicubic to 448

    def test_the_offset_follows_the_seed(self):
        a = [s.uvt_geometry(900, 500, seed=k)["box_resized"] for k in range(5)]
        self.assertEqual(a, [s.uvt_geometry(900, 500, seed=k)["box_resized"] for k in range(5)])


class Protocol(unittest.TestCase):

    def test_bad_bodies_are_explained(self):
        for body, why in [(b"{", "not JSON"), (b"[]", "requests"), (b'{"requests": [1]}', "not an object"),
                          (b'{"requests": [{"id": 1}]}', "id must be a string"),
                          (b'{"requests": [{"id": "a"}]}', "image_png_base64")]:
            with self.assertRaises(s.BadRequest) as ctx:
                s.parse_generate_body(body)
            self.assertIn(why, str(ctx.exception))

    def test_identity_round_trip_and_per_request_errors(self):
        ok = s.run_one(s.identity_generate, {"id": "a", "image_png_base64": base64.b64encode(PNG_1x1).decode()})
        self.assertEqual(base64.b64decode(ok["image_png_base64"]), PNG_1x1)
        self.assertEqual(s.run_one(s.identity_generate, {"id": "b", "image_png_base64": "%%"})["id"], "b")
        self.assertIn("not a PNG", s.run_one(s.identity_generate, {"id": "c", "image_png_base64": "aGVsbG8="})["error"])

        def broken(png, instruction, seed, params):
            raise RuntimeError("CUDA out of memory")
        err = s.run_one(broken, {"id": "d", "image_png_base64": base64.b64encode(PNG_1x1).decode()})
        self.assertEqual(err, {"id": "d", "error": "RuntimeError: CUDA out of memory"})
        json.dumps(err)


if __name__ == "__main__":
    unittest.main()

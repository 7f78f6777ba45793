package org.eibench.imaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OpenCvLoaderTest {

    @Test
    void theCachedLibraryIsTheOneOpenpnpShipsAndLoads() {
        // The cache must serve this platform (the fast path is what every command takes here).
        String resource = OpenCvLoader.resource();
        assertNotNull(resource, "no OpenCV library known for " + System.getProperty("os.name") + "/" + System.getProperty("os.arch"));
        assertNotNull(OpenCvLoader.class.getClassLoader().getResource(resource), resource + " is not in openpnp's jar");
        assertTrue(OpenCvLoader.loadCached(), "loading the cached copy failed");
        OpenCvLoader.ensureLoaded();
        // The version hard-coded in the library's name is the version of the library loaded.
        assertEquals(OpenCvLoader.LIBRARY_VERSION, "" + org.opencv.core.Core.VERSION_MAJOR + org.opencv.core.Core.VERSION_MINOR
                + org.opencv.core.Core.VERSION_REVISION);
    }
}

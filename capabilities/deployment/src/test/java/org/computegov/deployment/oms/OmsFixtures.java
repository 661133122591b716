package org.computegov.deployment.oms;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The OMS project's test models (tests/conftest.py), rebuilt with the same names and contents, and its vectors. */
final class OmsFixtures {
    static final byte[] KNOWN_MODEL_TEXT = "This is a simple model".getBytes(StandardCharsets.UTF_8);

    private OmsFixtures() {}

    /** Builds the named conftest model under {@code tmp} and returns its path (a folder or a single file). */
    static Path model(Path tmp, String fixture) throws IOException {
        Path base = Files.createDirectories(tmp.resolve(fixture));
        switch (fixture) {
            case "sample_model_file": {
                return Files.write(base.resolve("file_model"), KNOWN_MODEL_TEXT);
            }
            case "empty_model_file": {
                return Files.write(base.resolve("empty_file_model"), new byte[0]);
            }
            case "sample_model_folder": {
                Path root = Files.createDirectory(base.resolve("sample_model"));
                for (int i = 0; i < 2; i++) {
                    Path d = Files.createDirectory(root.resolve("d" + i));
                    for (int j = 0; j < 3; j++) {
                        Files.writeString(d.resolve("f" + i + j), "This is file f" + i + j + " in d" + i + ".");
                    }
                }
                for (int i = 0; i < 4; i++) {
                    Files.writeString(root.resolve("f" + i), "This is file f" + i + " in root.");
                }
                return root;
            }
            case "empty_model_folder": {
                return Files.createDirectory(base.resolve("empty_folder_model"));
            }
            case "model_folder_with_empty_file": {
                Path root = Files.createDirectory(base.resolve("empty_file_inside_model"));
                Files.write(root.resolve("empty_file"), new byte[0]);
                return root;
            }
            case "deep_model_folder": {
                Path root = Files.createDirectory(base.resolve("deep_model"));
                Path current = root;
                for (int i = 0; i < 5; i++) {
                    current = Files.createDirectory(current.resolve("d" + i));
                }
                for (int i = 0; i < 4; i++) {
                    Files.writeString(current.resolve("f" + i), "This is file f" + i + ".");
                }
                return root;
            }
            case "symlink_model_folder": {
                Path external = Files.write(Files.createDirectories(base.resolve("external")).resolve("file"), KNOWN_MODEL_TEXT);
                Path root = Files.createDirectories(base.resolve("model").resolve("symlink_model"));
                Files.createSymbolicLink(root.resolve("symlink_file"), external.toAbsolutePath());
                return root;
            }
            default:
                throw new IllegalArgumentException(fixture);
        }
    }

    static byte[] vector(String path) throws IOException {
        try (InputStream in = OmsFixtures.class.getResourceAsStream("/vectors/oms/" + path)) {
            if (in == null) {
                throw new IOException("missing test vector " + path);
            }
            return in.readAllBytes();
        }
    }

    /** Copies a vector folder (e.g. v1.1.0-elliptic-key) into {@code tmp} and returns the copy. */
    static Path vectorFolder(Path tmp, String folder, String... files) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(folder));
        for (String f : files) {
            Files.write(dir.resolve(f), vector(folder + "/" + f));
        }
        return dir;
    }
}

package org.computegov.deployment.oms;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Lists the files of a model folder the way OMS does: every regular file below it except ignored paths, in OMS
 * order. Symlinks are refused unless allowed, and even then only followed when they resolve to a regular file
 * inside the folder: a link out of the folder would sign (or verify) bytes the model's owner does not control.
 * Sockets, pipes and devices are refused. A single file is a model of one resource named ".".
 */
@org.computegov.registry.kernel.Published
public final class ModelTree {
    private ModelTree() {}

    /** The model's name as OMS records it: the folder's (or file's) last path component. */
    public static String modelName(Path model) {
        Path abs = model.toAbsolutePath().normalize();
        Path name = abs.getFileName();
        return name == null ? "" : name.toString();
    }

    public static List<ModelFile> list(Path model, Serialization serialization) throws ModelException, IOException {
        BasicFileAttributes top;
        try {
            top = Files.readAttributes(model, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new ModelException("model " + model + " does not exist", "Give the model's folder (or single file).", e);
        }
        if (top.isSymbolicLink()) {
            throw new ModelException("model " + model + " is a symlink", "Give the real folder, e.g. " + model.toRealPath() + ".");
        }
        if (top.isRegularFile()) {
            return List.of(new ModelFile(ModelPaths.SINGLE_FILE, model, top.size(), nanos(top)));
        }
        if (!top.isDirectory()) {
            throw new ModelException("model " + model + " is neither a file nor a folder", "Give the model's folder.");
        }
        Path root = model.toRealPath();
        List<String> ignore = new ArrayList<>();
        for (String p : serialization.ignorePaths()) {
            ignore.add(ModelPaths.checkRelative(p, "ignore path"));
        }
        List<ModelFile> files = new ArrayList<>();
        List<ModelException> refused = new ArrayList<>();
        Files.walkFileTree(root, EnumSet.noneOf(java.nio.file.FileVisitOption.class), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        return !dir.equals(root) && ignored(relative(root, dir), ignore)
                                ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        String rel = relative(root, file);
                        if (ignored(rel, ignore)) {
                            return FileVisitResult.CONTINUE;
                        }
                        try {
                            files.add(entry(root, file, rel, attrs, serialization.allowSymlinks()));
                        } catch (ModelException e) {
                            refused.add(e);
                            return FileVisitResult.TERMINATE;
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                        throw e;
                    }
                });
        if (!refused.isEmpty()) {
            throw refused.get(0);
        }
        files.sort((a, b) -> ModelPaths.ORDER.compare(a.path(), b.path()));
        return Collections.unmodifiableList(files);
    }

    private static ModelFile entry(Path root, Path file, String rel, BasicFileAttributes attrs, boolean allowSymlinks)
            throws ModelException, IOException {
        if (attrs.isRegularFile()) {
            return new ModelFile(rel, file, attrs.size(), nanos(attrs));
        }
        if (!attrs.isSymbolicLink()) {
            throw new ModelException(rel + " is not a regular file (a socket, pipe or device)",
                    "Remove it from the model folder or ignore it with --ignore " + rel + ".");
        }
        if (!allowSymlinks) {
            throw new ModelException(rel + " is a symlink, and symlinks are not allowed",
                    "Replace it with the file, ignore it (--ignore " + rel + "), or allow links inside the folder "
                            + "with --allow-symlinks.");
        }
        Path target;
        try {
            target = file.toRealPath();
        } catch (NoSuchFileException e) {
            throw new ModelException(rel + " is a broken symlink", "Fix or remove the link.", e);
        }
        if (!target.startsWith(root)) {
            throw new ModelException(rel + " is a symlink to " + target + ", outside the model folder",
                    "Copy the file into the model folder: a signature covers only what the folder holds.");
        }
        BasicFileAttributes t = Files.readAttributes(target, BasicFileAttributes.class);
        if (!t.isRegularFile()) {
            throw new ModelException(rel + " is a symlink to something other than a file (" + target + ")",
                    "Link to files only, or ignore it with --ignore " + rel + ".");
        }
        return new ModelFile(rel, target, t.size(), nanos(t));
    }

    static boolean ignored(String rel, List<String> ignore) {
        for (String p : ignore) {
            if (ModelPaths.isWithin(rel, p)) {
                return true;
            }
        }
        return false;
    }

    private static String relative(Path root, Path p) {
        Path r = root.relativize(p);
        StringBuilder sb = new StringBuilder();
        for (Path part : r) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(part);
        }
        return sb.toString();
    }

    private static long nanos(BasicFileAttributes a) {
        return a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
    }
}

package org.computegov.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.computegov.knowledge.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cgov man DIR}: one roff man page per command, from the same model as --help and completion. */
@Command(name = "man", mixinStandardHelpOptions = true,
        description = {"Write man pages (section 1) for cgov and every subcommand into a directory.",
                "Read one with: man -l DIR/cgov-chips-classify.1 (or add DIR's parent to MANPATH as man1/)."})
final class ManCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "Directory to write into (created if missing; pages are overwritten).")
    Path dir;

    @Override
    public Integer call() throws Exception {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new InvalidInputException("DIR", "Cannot create " + dir + ": " + e.getMessage() + ".",
                    "Give a writable directory.", e);
        }
        List<Path> written = new ArrayList<>();
        write(Cgov.fullCommandLine(), written);
        var err = spec.commandLine().getErr();
        err.println("cgov: wrote " + written.size() + " man pages to " + dir);
        err.flush();
        return 0;
    }

    private void write(CommandLine cl, List<Path> written) throws CommandFailure {
        CommandSpec s = cl.getCommandSpec();
        if (s.usageMessage().hidden()) {
            return;
        }
        Path file = dir.resolve(ManPage.fileName(s));
        try {
            Files.writeString(file, ManPage.of(s));
        } catch (IOException e) {
            throw new CommandFailure("cannot write " + file + ": " + e.getMessage(), e);
        }
        written.add(file);
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (sub.getCommandSpec().parent() == s && !sub.getCommandName().equals("help")) {
                write(sub, written);
            }
        }
    }
}

package org.computegov.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.computegov.knowledge.InvalidInputException;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cgov completion bash|zsh}: the shell completion script picocli generates from the command model. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a shell completion script for cgov (commands, subcommands, options, files).",
                "bash: source <(./cgov completion bash)   (or save it in /etc/bash_completion.d/cgov)",
                "zsh:  source <(./cgov completion zsh)    (the script loads bashcompinit itself)"})
final class CompletionCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
    String shell;

    @Override
    public Integer call() throws Exception {
        if (!shell.equals("bash") && !shell.equals("zsh")) {
            throw new InvalidInputException("SHELL", "No completion for shell '" + Inputs.abbreviate(shell) + "'.",
                    "Use bash or zsh.");
        }
        // picocli's script serves both: under zsh it loads compinit and bashcompinit first.
        String script = AutoComplete.bash("cgov", Cgov.fullCommandLine());
        PrintWriter out = spec.commandLine().getOut();
        out.print(script);
        out.flush();
        return 0;
    }
}

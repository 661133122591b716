package org.computegov.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/** A roff (man(7)) page for one command, from picocli's model: name, synopsis, description, arguments, options. */
final class ManPage {
    private ManPage() {}

    static String fileName(CommandSpec s) {
        return s.qualifiedName("-") + ".1";
    }

    static String of(CommandSpec s) {
        StringBuilder b = new StringBuilder();
        String name = s.qualifiedName("-");
        b.append(".TH \"").append(name.toUpperCase(Locale.ROOT)).append("\" \"1\" \"\" \"")
                .append(esc(s.root().version().length > 0 ? s.root().version()[0] : "computegov"))
                .append("\" \"computegov manual\"\n");
        b.append(".SH NAME\n").append(esc(name)).append(" \\- ").append(esc(firstLine(s))).append('\n');
        b.append(".SH SYNOPSIS\n.B ").append(esc(s.qualifiedName(" "))).append('\n');
        for (OptionSpec o : visibleOptions(s)) {
            b.append("[").append(optionLabel(o)).append("]").append(o.isMultiValue() ? "..." : "").append('\n');
        }
        for (PositionalParamSpec p : s.positionalParameters()) {
            if (!p.hidden()) {
                b.append(p.arity().min == 0 ? "[" : "").append("\\fI").append(esc(p.paramLabel())).append("\\fR")
                        .append(p.arity().min == 0 ? "]" : "").append(p.isMultiValue() ? "..." : "").append('\n');
            }
        }
        if (!s.subcommands().isEmpty()) {
            b.append("\\fICOMMAND\\fR\n");
        }
        b.append(".SH DESCRIPTION\n");
        for (String line : s.usageMessage().description()) {
            b.append(esc(line)).append("\n.br\n");
        }
        List<PositionalParamSpec> params = s.positionalParameters().stream().filter(p -> !p.hidden()).toList();
        if (!params.isEmpty()) {
            b.append(".SH ARGUMENTS\n");
            for (PositionalParamSpec p : params) {
                b.append(".TP\n\\fI").append(esc(p.paramLabel())).append("\\fR\n").append(esc(String.join(" ",
                        p.description()))).append('\n');
            }
        }
        b.append(".SH OPTIONS\n");
        for (OptionSpec o : visibleOptions(s)) {
            b.append(".TP\n").append(optionLabel(o)).append('\n')
                    .append(esc(expand(String.join(" ", o.description()), o))).append('\n');
        }
        if (!s.subcommands().isEmpty()) {
            b.append(".SH COMMANDS\n");
            s.subcommands().forEach((sub, cl) -> {
                if (!cl.getCommandSpec().usageMessage().hidden() && cl.getCommandSpec().parent() == s) {
                    b.append(".TP\n\\fB").append(esc(sub)).append("\\fR\n").append(esc(firstLine(cl.getCommandSpec())))
                            .append(" See \\fB").append(esc(cl.getCommandSpec().qualifiedName("-"))).append("\\fR(1).\n");
                }
            });
        }
        b.append(".SH EXIT STATUS\n0 success; 1 a check failed, or the server is unreachable or failed; "
                + "2 bad input (the message says what is wrong and how to fix it).\n");
        b.append(".SH SEE ALSO\n\\fBcgov\\fR(1); docs/CLI.md in the computegov sources.\n");
        return b.toString();
    }

    private static List<OptionSpec> visibleOptions(CommandSpec s) {
        List<OptionSpec> list = new ArrayList<>();
        for (OptionSpec o : s.options()) {
            if (!o.hidden()) {
                list.add(o);
            }
        }
        list.sort((x, y) -> x.shortestName().replaceFirst("^-+", "").compareToIgnoreCase(y.shortestName().replaceFirst("^-+", "")));
        return list;
    }

    private static String optionLabel(OptionSpec o) {
        StringBuilder b = new StringBuilder();
        for (String n : o.names()) {
            b.append(b.length() == 0 ? "" : ", ").append("\\fB").append(esc(n)).append("\\fR");
        }
        if (o.arity().max > 0) {
            b.append(" \\fI").append(esc(o.paramLabel())).append("\\fR");
        }
        return b.toString();
    }

    private static String firstLine(CommandSpec s) {
        String[] d = s.usageMessage().description();
        return d.length == 0 ? "" : d[0];
    }

    private static String expand(String text, OptionSpec o) {
        String def = o.defaultValueString();
        return text.replace("${DEFAULT-VALUE}", def == null ? "" : def).replace("%%", "%");
    }

    /** Escapes roff: backslashes, hyphens in words, and a leading dot or quote that would read as a request. */
    static String esc(String s) {
        String t = s.replace("\\", "\\e").replace("-", "\\-").replace("%%", "%");
        return t.startsWith(".") || t.startsWith("'") ? "\\&" + t : t;
    }
}

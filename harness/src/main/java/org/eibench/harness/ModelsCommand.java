package org.eibench.harness;

import java.io.PrintWriter;

import org.eibench.runtime.ModelCatalog;
import org.eibench.runtime.ModelContext;
import org.eibench.runtime.ModelDescriptor;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "models", mixinStandardHelpOptions = true, description = "Models that can be named with --model.",
        subcommands = {ModelsCommand.ListModels.class})
final class ModelsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the models known by name.")
    static final class ListModels implements Runnable {
        @CommandLine.Mixin
        DataOption data = new DataOption();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            ModelCatalog catalog = ModelCatalog.load(new ModelContext(data.resolve()));
            out.printf("%-12s %-16s %s%n", "NAME", "TASK KINDS", "DESCRIPTION");
            for (ModelDescriptor d : catalog.models()) {
                out.printf("%-12s %-16s %s%n", d.name(), String.join(",", new java.util.TreeSet<>(d.kinds())), d.description());
            }
            out.println();
            out.println("Also: onnx:PATH[,device=cpu|cuda][,threads=N] for an ONNX model with a card (docs/models.md).");
        }
    }
}

package org.eibench.harness;

import java.io.PrintWriter;
import java.util.List;

import org.eibench.runtime.ModelCatalog;
import org.eibench.runtime.ModelContext;
import org.eibench.runtime.ModelDescriptor;
import picocli.CommandLine.Command;

@Command(name = "models", mixinStandardHelpOptions = true, description = "Models that can be named with --model.",
        subcommands = {ModelsCommand.ListModels.class})
final class ModelsCommand extends GroupCommand {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the models known by name.")
    static final class ListModels extends CatalogCommand implements Runnable {
        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            ModelCatalog catalog = ModelCatalog.load(new ModelContext(data.resolve()));
            java.util.List<ModelDescriptor> models = catalog.models();
            int width = Math.max(4, models.stream().mapToInt(d -> d.name().length()).max().orElse(4));
            String row = "%-" + width + "s  %-14s %s%n";
            out.printf(row, "NAME", "TASK KINDS", "DESCRIPTION");
            for (ModelDescriptor d : models) {
                out.printf(row, d.name(), String.join(",", new java.util.TreeSet<>(d.kinds())), d.description());
            }
            out.println();
            List<String> forms = catalog.specForms();
            for (int i = 0; i < forms.size(); i++) {
                out.println((i == 0 ? "Also: " : "      ") + forms.get(i));
            }
        }
    }
}

package org.industriallmonitor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnitAccess;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaParameterizedType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packages' boundaries (issue 31), as the package-info files state them, checked on the product's
 * classes (not the tests'): a rule broken fails the build. Where the code does not keep a boundary yet,
 * the exception is listed here, class by class, with its reason, so that no new one can land unseen; an
 * entry that is no longer needed fails the test too, so the lists only shrink.
 */
class ArchitectureTest {
  private static final String PRODUCT = "org.industriallmonitor";

  private static JavaClasses product;

  @BeforeAll
  static void importProduct() {
    product = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages(PRODUCT);
  }

  /** (a) The product's packages depend on each other without a cycle. */
  @Test
  void noCycleBetweenThePackages() {
    slices().matching(PRODUCT + ".(*)..").should().beFreeOfCycles().check(product);
  }

  /**
   * (b) Only store speaks SQL. No exception: schedule's Quartz JDBC job store ({@code ClusterJobStore}, a
   * {@code JobStoreTX}) gets its PostgreSQL pool by properties ({@code CrawlScheduler}), and reaches JDBC only
   * inside Quartz.
   */
  @Test
  void onlyStoreTouchesJdbc() {
    noClasses().that().resideOutsideOfPackage(PRODUCT + ".store..")
        .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
        .check(product);
  }

  /**
   * (c) The console reads through the application ({@code app.ConsoleService}, {@code app.MonitorStatus}),
   * not the store's repositories: no call to, field or parameter of a {@code store..*Repository}. The values
   * they return, records nested in them ({@code ArticleRepository.Summary}, {@code NodeRepository.Node}),
   * are values like {@code store.OutboxRow}, and may be shown. No exception.
   */
  @Test
  void webReadsThroughTheApplicationNotTheRepositories() {
    noClasses().that().resideInAPackage(PRODUCT + ".web..")
        .should().dependOnClassesThat(REPOSITORY)
        .check(product);
  }

  private static final DescribedPredicate<JavaClass> REPOSITORY = DescribedPredicate.describe("are the store's repositories",
      c -> c.getPackageName().startsWith(PRODUCT + ".store") && c.getEnclosingClass().isEmpty()
          && c.getSimpleName().endsWith("Repository"));

  /**
   * (d) The commands reach the product through the application (app), the configuration (config) and the search language (query) only,
   * besides their own package, picocli and the libraries. Known exceptions, class by class, with the packages
   * each still reaches (11 of the 29 classes of cli, 123 dependencies; 16 classes and 294 when measured for
   * issue 31, 19 and 349 before it); no other class, and no other package for these, may join them. The commands
   * that used the store's values or called crawl, notify or calibrate themselves now have an operation of app
   * each ({@code Calibration}, {@code ChannelCheck}, {@code OnceRound}, {@code ArchiveSearch}, {@code StatusText}).
   */
  private static final Map<String, Set<String>> CLI_BEYOND_APP = Map.ofEntries(
      // Here to stay: starting the console. web depends on app (ConsoleService, MonitorStatus), so app cannot
      // start it without a cycle; the commands that run the daemon start it beside the daemon (7 and 45, the demo's
      // replica included).
      Map.entry("cli.RunCommand", Set.of("web", "schedule")),
      Map.entry("cli.DemoCommand", Set.of("web", "replica", "schedule")),
      // Here to stay: the replica is for the tests and the demo, and only the commands may start it; app must
      // not know it (31 and 5).
      Map.entry("cli.ReplicaCommand", Set.of("replica")),
      Map.entry("cli.CdsTrainingCommand", Set.of("replica")),
      // A benchmark helper that times bare HTTP requests with the process's OkHttp client (2).
      Map.entry("cli.FloorCommand", Set.of("fetch")),
      // The site's addresses and languages, printed and checked (parse.SiteUrls, parse.SiteDates) (4 and 6).
      Map.entry("cli.CountriesCommand", Set.of("parse")),
      Map.entry("cli.ValidateCommand", Set.of("parse")),
      // The state lock and the node heartbeat that every command writing the state takes first (18).
      Map.entry("cli.StateGuard", Set.of("schedule", "store")),
      // Failures of the store that the logging and the top level turn into messages and exit codes (1 and 1).
      Map.entry("cli.Logging", Set.of("store")),
      Map.entry("cli.Main", Set.of("store")),
      // A crawl's progress on the terminal, as a crawl.CrawlProgress (3).
      Map.entry("cli.TerminalProgress", Set.of("crawl")));

  @Test
  void commandsReachTheProductThroughAppAndConfig() {
    Set<String> allowed = Set.of("cli", "app", "config", "query");
    BiPredicate<JavaClass, JavaClass> ok = (origin, target) -> !inProduct(target) || allowed.contains(packageOf(target));
    classes().that().resideInAPackage(PRODUCT + ".cli..")
        .should(onlyDependOn("reach the product through app and config", CLI_BEYOND_APP, ok))
        .check(product);
    assertNoStaleException(CLI_BEYOND_APP, "cli", ok.negate());
  }

  /** (e) The parts that only the composition root builds, each recognised by its classes. */
  private enum Part {
    /** The database, {@code store.Store}: opening it opens its repositories. */
    DATABASE(c -> c.getName().equals(PRODUCT + ".store.Store")),
    /** A repository of the store ({@code store.*Repository}). */
    REPOSITORY(c -> ArchitectureTest.REPOSITORY.test(c)),
    /** An HTTP server of the product: the console, the replica and its webhook receiver. */
    SERVER(c -> Set.of("web.ConsoleServer", "replica.ReplicaServer", "replica.WebhookReceiver").contains(relative(c.getName()))),
    /** A notification channel ({@code notify.Channel}), or the channels of a configuration ({@code notify.Channels}). */
    CHANNEL(c -> c.isAssignableTo(PRODUCT + ".notify.Channel") || c.getName().equals(PRODUCT + ".notify.Channels")),
    /** The scheduler ({@code schedule.CrawlScheduler}) and the daemon that starts and stops it. */
    SCHEDULER(c -> Set.of("schedule.CrawlScheduler", "schedule.Daemon").contains(relative(c.getName())));

    private final Predicate<JavaClass> classes;

    Part(Predicate<JavaClass> classes) {
      this.classes = classes;
    }

    /** The part that {@code c} is (or a class nested in it is), if any. */
    static Optional<Part> of(JavaClass c) {
      return Arrays.stream(values()).filter(part -> part.classes.test(c)).findFirst();
    }
  }

  /** The composition root: the one class that builds the parts, each once, and connects them. */
  private static final String COMPOSITION_ROOT = "app.Components";

  /**
   * (e) Who else builds a part, class by class, with the reason. A class building itself (its static factory
   * calling its constructor) is not listed.
   */
  private static final Map<String, Set<Part>> BUILT_OUTSIDE_THE_ROOT = Map.ofEntries(
      // The store's facade opens each repository on its one connection; the rest take them from the Store that
      // Components opened.
      Map.entry("store.Store", Set.of(Part.REPOSITORY)),
      // migrate --to copies one database into another: two at once, where Components holds the state's one.
      Map.entry("app.StateCopy", Set.of(Part.DATABASE)),
      // validate reads the learned selectors of a database that it does not otherwise open, without the parts.
      Map.entry("app.MonitorStatus", Set.of(Part.DATABASE)),
      // The configuration's channels, each of its type: Components asks for them (channels()); the chat services
      // come from ChatChannels.
      Map.entry("notify.Channels", Set.of(Part.CHANNEL)),
      // Here to stay: the console, which app cannot start (web depends on app), started beside the daemon.
      Map.entry("cli.RunCommand", Set.of(Part.SERVER)),
      Map.entry("cli.DemoCommand", Set.of(Part.SERVER)),
      // Here to stay: the replica and its webhook receiver, for the tests and the demo, which app must not know.
      Map.entry("cli.ReplicaCommand", Set.of(Part.SERVER)),
      Map.entry("cli.CdsTrainingCommand", Set.of(Part.SERVER)));

  /**
   * (e) Only the composition root builds the repositories, the servers, the channels and the scheduler: a call
   * of their constructors, or of a static method that returns one (a factory), from any other class is listed
   * in {@link #BUILT_OUTSIDE_THE_ROOT}, whose entries must all still be needed.
   */
  @Test
  void onlyTheCompositionRootBuildsTheParts() {
    List<String> unlisted = new ArrayList<>();
    Set<String> needed = new HashSet<>();
    for (JavaClass origin : product) {
      String builder = relative(topLevel(origin).getName());
      for (JavaCodeUnitAccess<?> access : builds(origin)) {
        JavaClass built = access.getTargetOwner();
        if (builder.equals(relative(topLevel(built).getName()))) {
          continue; // a class building itself, behind its own factory
        }
        Part part = (access instanceof JavaMethodCall call ? returned(call) : Part.of(built)).orElseThrow();
        if (builder.equals(COMPOSITION_ROOT)) {
          continue;
        }
        if (BUILT_OUTSIDE_THE_ROOT.getOrDefault(builder, Set.of()).contains(part)) {
          needed.add(builder + " " + part);
        } else {
          unlisted.add(part + ": " + access.getDescription());
        }
      }
    }
    if (!unlisted.isEmpty()) {
      throw new AssertionError("Only " + COMPOSITION_ROOT + " builds the repositories, servers, channels and the scheduler:\n  "
          + String.join("\n  ", unlisted));
    }
    BUILT_OUTSIDE_THE_ROOT.forEach((builder, parts) -> parts.forEach(part -> {
      if (!needed.contains(builder + " " + part)) {
        throw new AssertionError("The exception " + builder + " -> " + part + " is no longer needed: remove it from ArchitectureTest"
            + " (and the package-info)");
      }
    }));
  }

  /** The constructor calls and references of {@code origin} to a part, and its calls of static methods that return one. */
  private static List<JavaCodeUnitAccess<?>> builds(JavaClass origin) {
    List<JavaCodeUnitAccess<?>> builds = new ArrayList<>();
    origin.getConstructorCallsFromSelf().stream().filter(call -> Part.of(call.getTargetOwner()).isPresent()).forEach(builds::add);
    origin.getConstructorReferencesFromSelf().stream().filter(ref -> Part.of(ref.getTargetOwner()).isPresent()).forEach(builds::add);
    origin.getMethodCallsFromSelf().stream()
        .filter(call -> call.getTarget().resolveMember().map(m -> m.getModifiers().contains(JavaModifier.STATIC)).orElse(false))
        .filter(call -> returned(call).isPresent())
        .forEach(builds::add);
    return builds;
  }

  /** The part a static method returns: itself, or inside an {@code Optional} ({@code ConsoleServer.startOrReport}). */
  private static Optional<Part> returned(JavaMethodCall call) {
    Optional<Part> part = Part.of(call.getTarget().getRawReturnType());
    if (part.isPresent()) {
      return part;
    }
    return call.getTarget().resolveMember()
        .filter(method -> method.getReturnType() instanceof JavaParameterizedType)
        .flatMap(method -> ((JavaParameterizedType) method.getReturnType()).getActualTypeArguments().stream()
            .map(argument -> Part.of(argument.toErasure())).flatMap(Optional::stream).findFirst());
  }

  /**
   * A condition: every dependency of a class passes {@code ok}, or goes to a package its top-level class
   * is listed for in {@code exceptions} (keys and values relative to the product's package).
   */
  private static ArchCondition<JavaClass> onlyDependOn(String description, Map<String, Set<String>> exceptions,
      BiPredicate<JavaClass, JavaClass> ok) {
    return new ArchCondition<>(description) {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        Set<String> excepted = exceptions.getOrDefault(relative(topLevel(origin).getName()), Set.of());
        for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
          JavaClass target = dependency.getTargetClass();
          if (!ok.test(origin, target) && !excepted.contains(packageOf(target))) {
            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
          }
        }
      }
    };
  }

  /** Fails for a listed exception (class and package) that the code no longer needs. */
  private static void assertNoStaleException(Map<String, Set<String>> exceptions, String packageName,
      BiPredicate<JavaClass, JavaClass> breaking) {
    for (Map.Entry<String, Set<String>> entry : exceptions.entrySet()) {
      for (String target : entry.getValue()) {
        boolean used = product.stream()
            .filter(c -> relative(topLevel(c).getName()).equals(entry.getKey()))
            .flatMap(c -> c.getDirectDependenciesFromSelf().stream())
            .anyMatch(d -> breaking.test(d.getOriginClass(), d.getTargetClass()) && packageOf(d.getTargetClass()).equals(target));
        if (!used) {
          throw new AssertionError("The exception " + entry.getKey() + " -> " + target + " of " + packageName
              + " is no longer needed: remove it from ArchitectureTest (and the package-info)");
        }
      }
    }
  }

  private static boolean inProduct(JavaClass target) {
    return target.getPackageName().startsWith(PRODUCT + ".");
  }

  /** The product's package of a class, relative ({@code store}), or its full package outside the product. */
  private static String packageOf(JavaClass target) {
    String name = target.getPackageName();
    if (!name.startsWith(PRODUCT + ".")) {
      return name;
    }
    String rest = name.substring(PRODUCT.length() + 1);
    int dot = rest.indexOf('.');
    return dot < 0 ? rest : rest.substring(0, dot);
  }

  private static JavaClass topLevel(JavaClass c) {
    JavaClass top = c;
    while (top.getEnclosingClass().isPresent()) {
      top = top.getEnclosingClass().get();
    }
    return top;
  }

  private static String relative(String className) {
    return className.startsWith(PRODUCT + ".") ? className.substring(PRODUCT.length() + 1) : className;
  }
}

using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Berth.Hosting;

namespace Berth.Api.Tests.Architecture;

/// <summary>
/// The public surface of Berth.Registry, Berth.Index and Berth.Registry.Api is their contract with the other projects
/// (docs/architecture.md): a type is public only when another project under src/ uses it, or when the public signature
/// of such a type needs it (a parameter of a constructor that dependency injection calls, a property, a base type).
/// Everything else is internal, with InternalsVisibleTo for the test projects only. The rule is read from the built
/// assemblies, so it needs no list to keep up to date; this test project references every src project.
/// </summary>
public sealed class PublicSurfaceTests
{
    private static readonly string[] Contracts = ["Berth.Registry", "Berth.Index", "Berth.Registry.Api"];

    /// <summary>
    /// Public types other projects use only through their constants, which the compiler copies into the user, so
    /// no type reference shows it. Each names its user.
    /// </summary>
    private static readonly Dictionary<string, string> UsedThroughConstants = new()
    {
        ["Berth.Registry.Api.Http.RequestGuard"] = "Berth.Mirror (the action names)",
        ["Berth.Index.External.Oidc.OidcAuthentication"] = "Berth.Web (the scheme and its start path)",
        ["Berth.Index.Audit.AuditKinds"] = "berth (the admin commands' audit events)",
    };

    public static TheoryData<string> ContractAssemblies() => [.. Contracts];

    [Theory]
    [MemberData(nameof(ContractAssemblies))]
    public void PublicTypes_AreUsedByAnotherProject_OrNeededByTheSignatureOfOne(string assembly)
    {
        var contract = Assembly.Load(assembly);
        var publicTypes = contract.GetExportedTypes().Where(t => !t.IsNested).ToList();
        Assert.NotEmpty(publicTypes);
        var needed = new HashSet<Type>(publicTypes.Where(t => ReferencedElsewhere(assembly).Contains(t.FullName!) || UsedThroughConstants.ContainsKey(t.FullName!)));
        var pending = new Queue<Type>(needed);
        while (pending.TryDequeue(out var type))
        {
            foreach (var reached in SignatureTypes(type).Where(t => t.Assembly == contract && t.IsPublic && needed.Add(t)))
            {
                pending.Enqueue(reached);
            }
        }

        var unneeded = publicTypes.Where(t => !needed.Contains(t)).Select(t => t.FullName).Order(StringComparer.Ordinal).ToList();
        Assert.True(
            unneeded.Count == 0,
            $"{assembly} has public types no other src project uses and no public signature needs: {string.Join(", ", unneeded)}. "
            + "Make them internal (the test projects see internals through InternalsVisibleTo); see docs/architecture.md.");
    }

    [Fact]
    public void UsedThroughConstants_ListsOnlyPublicTypesNoTypeReferenceShows()
    {
        foreach (var (name, user) in UsedThroughConstants)
        {
            var assembly = Contracts.Single(a => name.StartsWith(a + ".", StringComparison.Ordinal) && Assembly.Load(a).GetType(name) is not null);
            Assert.True(Assembly.Load(assembly).GetType(name, throwOnError: true)!.IsPublic, $"{name} is listed as used by {user} but is not public.");
            Assert.DoesNotContain(name, ReferencedElsewhere(assembly));
        }
    }

    /// <summary>The full names of the types of <paramref name="assembly"/> that the other src projects' assemblies reference.</summary>
    private static HashSet<string> ReferencedElsewhere(string assembly)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in SourceAssemblyPaths().Where(p => Path.GetFileNameWithoutExtension(p) != assembly))
        {
            using var pe = new PEReader(File.OpenRead(path));
            var reader = pe.GetMetadataReader();
            foreach (var handle in reader.TypeReferences)
            {
                var outermost = reader.GetTypeReference(handle);
                while (outermost.ResolutionScope.Kind == HandleKind.TypeReference)
                {
                    outermost = reader.GetTypeReference((TypeReferenceHandle)outermost.ResolutionScope);
                }

                if (outermost.ResolutionScope.Kind == HandleKind.AssemblyReference
                    && reader.GetString(reader.GetAssemblyReference((AssemblyReferenceHandle)outermost.ResolutionScope).Name) == assembly)
                {
                    names.Add(reader.GetString(outermost.Namespace) + "." + reader.GetString(outermost.Name));
                }
            }
        }

        return names;
    }

    /// <summary>The built assembly of every project under src/, as copied next to this test assembly.</summary>
    private static List<string> SourceAssemblyPaths()
    {
        var hostAssembly = typeof(BerthHost).Assembly.GetName().Name!;
        var paths = Directory.GetDirectories(Path.Combine(RepositoryRoot(), "src"))
            .Select(Path.GetFileName)
            .Select(project => project == "Berth" ? hostAssembly : project!)
            .Select(name => Path.Combine(AppContext.BaseDirectory, name + ".dll"))
            .ToList();
        Assert.All(paths, path => Assert.True(File.Exists(path), $"{path} is missing: Berth.Api.Tests must reference every src project (through Berth.Testing and berth)."));
        return paths;
    }

    /// <summary>Every type a public or protected part of <paramref name="type"/> names, generic arguments included.</summary>
    private static IEnumerable<Type> SignatureTypes(Type type)
    {
        const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var named = new List<Type?> { type.BaseType };
        named.AddRange(type.GetInterfaces());
        named.AddRange(type.GetNestedTypes().Where(n => n.IsNestedPublic || n.IsNestedFamily || n.IsNestedFamORAssem));
        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)).Where(m => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly))
        {
            named.Add((method as MethodInfo)?.ReturnType);
            named.AddRange(method.GetParameters().Select(p => p.ParameterType));
        }

        named.AddRange(type.GetFields(Declared).Where(f => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly).Select(f => f.FieldType));
        named.AddRange(type.GetNestedTypes().Where(n => n.IsNestedPublic).SelectMany(SignatureTypes));
        return named.OfType<Type>().SelectMany(Unwrap);
    }

    private static IEnumerable<Type> Unwrap(Type type)
    {
        if (type.HasElementType)
        {
            return Unwrap(type.GetElementType()!);
        }

        return type.IsGenericType && !type.IsGenericTypeDefinition
            ? type.GetGenericArguments().SelectMany(Unwrap).Prepend(type.GetGenericTypeDefinition())
            : [type];
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Berth.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"Berth.slnx not found above {AppContext.BaseDirectory}.");
    }
}

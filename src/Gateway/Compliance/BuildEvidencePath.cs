namespace SpbeConnector.Gateway.Compliance;

/// <summary>
/// Where the evidence of a build that a script made (the SBOM, the security analysis) is found when no setting names
/// it: next to the application when there (a published copy), otherwise, when the application runs from the
/// repository (dotnet run, tests), under the repository's <c>build/</c> directory, whose root the solution file marks.
/// </summary>
internal static class BuildEvidencePath
{
    public static string Find(string appDirectory, string besideName, string inRepository)
    {
        var beside = Path.Combine(appDirectory, besideName);
        if (File.Exists(beside))
            return beside;
        for (var dir = new DirectoryInfo(appDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SpbeConnector.sln")))
                return Path.Combine(dir.FullName, inRepository);
        return beside;
    }
}

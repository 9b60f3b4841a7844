namespace SpbeConnector.Policies.SchemaValidation.Schemas;

/// <summary>One field of a form or multipart body: its name, and its text or (for a file part) no text.</summary>
internal readonly record struct FormField(string Name, string? Text)
{
    public bool IsFile => Text is null;
}

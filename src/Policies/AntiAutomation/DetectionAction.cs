namespace SpbeConnector.Policies.AntiAutomation;

public enum DetectionAction
{
    Alert,
    Block,
}
